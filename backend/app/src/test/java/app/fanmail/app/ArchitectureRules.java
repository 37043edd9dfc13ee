package app.fanmail.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture rules of {@link ModuleBoundariesTest}, built for a root package so that the same
 * rules run against Fanmail ({@code app.fanmail}) and against the planted violations in
 * {@code app.fanmail.app.archfixture} ({@link ArchitectureRulesBiteTest}).
 *
 * <p>A module is {@code <root>.<module>}; its layer is the next package segment: {@code api}
 * (published to other modules), {@code domain}, {@code application}, {@code infrastructure},
 * {@code graphql}, {@code web}. Classes directly in the module package (package-info) have no layer.
 */
final class ArchitectureRules {
    /**
     * Which modules each module may use (through their api). kernel is below everyone; app is the
     * assembling shell and may see every module. A module missing here is refused until it is added,
     * so a new dependency between modules is a visible decision in this map.
     */
    static final Map<String, Set<String>> ALLOWED_MODULE_DEPENDENCIES = Map.ofEntries(
            Map.entry("kernel", Set.of()),
            Map.entry("identity", Set.of("kernel")),
            Map.entry("accounts", Set.of("kernel")),
            Map.entry("wechat", Set.of("kernel", "accounts")),
            Map.entry("templates", Set.of("kernel", "accounts", "wechat")),
            Map.entry("audiences", Set.of("kernel", "accounts", "wechat")),
            Map.entry("dispatch", Set.of("kernel", "accounts", "wechat", "templates", "audiences")),
            Map.entry("history", Set.of("kernel", "dispatch")),
            Map.entry("materials", Set.of("kernel", "accounts", "wechat")),
            Map.entry("sandbox", Set.of()),
            Map.entry("testing", Set.of("kernel")),
            Map.entry("launcher", Set.of()));

    /** The shell: wires everything and may use every module's api and web package. */
    static final String SHELL = "app";

    /** Modules that may drive the WeChat sandbox (register accounts, simulate fans): the sandbox's owner, accounts' wiring and the shell. */
    static final Set<String> SANDBOX_USERS = Set.of("wechat", "accounts", SHELL, "sandbox");

    /** Which layers of its own module a layer must not use. */
    static final Map<String, Set<String>> FORBIDDEN_LAYERS = Map.of(
            "api", Set.of("domain", "application", "infrastructure", "graphql", "web"),
            "domain", Set.of("application", "infrastructure", "graphql", "web"),
            "application", Set.of("infrastructure", "graphql", "web"),
            "infrastructure", Set.of("graphql", "web"),
            "graphql", Set.of("infrastructure"),
            "web", Set.of("infrastructure"));

    /** Layers that must not drive an HTTP client themselves: they reach the outside through ports implemented in infrastructure. */
    static final Set<String> LAYERS_WITHOUT_HTTP = Set.of("api", "domain", "application", "graphql", "web");

    /** The classes that send HTTP requests: the JDK client, MicroProfile REST Client's builder, the Jakarta REST client. */
    static final Set<String> HTTP_CLIENTS = Set.of("java.net.http.HttpClient", "java.net.http.HttpRequest",
            "org.eclipse.microprofile.rest.client.RestClientBuilder", "jakarta.ws.rs.client.ClientBuilder", "jakarta.ws.rs.client.Client",
            "jakarta.ws.rs.client.WebTarget");

    private ArchitectureRules() {
    }

    /**
     * Modules reach each other only through {@code <module>.api}; the kernel is open to all; the shell also sees {@code web}; a
     * {@code graphql} layer may use another module's {@code graphql} types (one schema: a type such as AudienceSelectorInput has one
     * class, SmallRye refuses two classes of one name).
     */
    static ArchRule modulesTalkThroughApiPackagesOnly(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(dependencies(root, "depend on other modules only through their api package", (from, to) -> {
                    if (to.module().equals(from.module()) || to.module().equals("kernel")) {
                        return true;
                    }
                    return to.layer().equals("api") || (from.module().equals(SHELL) && to.layer().equals("web"))
                            || (from.layer().equals("graphql") && to.layer().equals("graphql"));
                }));
    }

    /** Every dependency between modules is in {@link #ALLOWED_MODULE_DEPENDENCIES}. */
    static ArchRule modulesDependOnlyAsAllowed(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(dependencies(root, "depend only on the modules the allowed-dependency map names", (from, to) -> {
                    if (to.module().equals(from.module()) || from.module().equals(SHELL)) {
                        return true;
                    }
                    Set<String> allowed = ALLOWED_MODULE_DEPENDENCIES.get(from.module());
                    return allowed != null && allowed.contains(to.module());
                }));
    }

    /** Within a module, each layer uses only the layers below it ({@link #FORBIDDEN_LAYERS}); no module is exempt. */
    static ArchRule layersDependInward(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(dependencies(root, "use only inner layers of their own module (api <- domain <- application <- infrastructure | graphql | web)",
                        (from, to) -> {
                            if (!to.module().equals(from.module())) {
                                return true;
                            }
                            return !FORBIDDEN_LAYERS.getOrDefault(from.layer(), Set.of()).contains(to.layer());
                        }));
    }

    /** Product modules do not drive the WeChat sandbox ({@code wechat.api.Sandbox}) nor the sandbox server itself. */
    static ArchRule productModulesDoNotUseTheSandbox(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(dependencies(root, "not use the sandbox API unless they are " + SANDBOX_USERS, (from, to) -> {
                    boolean sandbox = to.module().equals("sandbox") || to.name().equals("wechat.api.Sandbox");
                    return !sandbox || SANDBOX_USERS.contains(from.module());
                }));
    }

    /**
     * Only infrastructure sends HTTP requests: the api, domain, application, graphql and web layers of every module reach
     * WeChat (or anything else) through ports, never by building an HTTP client ({@link #HTTP_CLIENTS}) themselves.
     */
    static ArchRule onlyInfrastructureDrivesHttpClients(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<>("not use an HTTP client unless they are infrastructure") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Place from = Place.of(root, origin);
                        if (!LAYERS_WITHOUT_HTTP.contains(from.layer())) {
                            return;
                        }
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            if (HTTP_CLIENTS.contains(dependency.getTargetClass().getBaseComponentType().getName())) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                });
    }

    static List<ArchRule> all(String root) {
        return List.of(modulesTalkThroughApiPackagesOnly(root), modulesDependOnlyAsAllowed(root), layersDependInward(root),
                productModulesDoNotUseTheSandbox(root), onlyInfrastructureDrivesHttpClients(root));
    }

    /** A class seen from the root: its module, its layer ("" when none) and its top-level name relative to the root. */
    record Place(String module, String layer, String name) {
        static Place of(String root, JavaClass c) {
            String top = c.getName();
            int dollar = top.indexOf('$');
            if (dollar >= 0) {
                top = top.substring(0, dollar);
            }
            String relative = top.substring(root.length() + 1);
            String pkg = c.getPackageName().length() > root.length() ? c.getPackageName().substring(root.length() + 1) : "";
            String[] parts = pkg.split("\\.");
            return new Place(parts[0], parts.length > 1 ? parts[1] : "", relative);
        }
    }

    interface Allowed {
        boolean test(Place from, Place to);
    }

    private static ArchCondition<JavaClass> dependencies(String root, String description, Allowed allowed) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Place from = Place.of(root, origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.getPackageName().startsWith(root + ".")) {
                        continue;
                    }
                    if (!allowed.test(from, Place.of(root, target))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
