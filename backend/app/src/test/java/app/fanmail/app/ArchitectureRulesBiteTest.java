package app.fanmail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * Each rule of {@link ArchitectureRules} reports the violations planted in
 * {@code app.fanmail.app.archfixture} (a miniature of Fanmail's package layout) and only those:
 * a rule that cannot fail would be no rule.
 */
class ArchitectureRulesBiteTest {
    private static final String ROOT = "app.fanmail.app.archfixture";
    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(ROOT);
        assertThat(fixture).isNotEmpty();
    }

    @Test
    void reachingPastAnotherModulesApiIsReported() {
        assertThat(violations(ArchitectureRules.modulesTalkThroughApiPackagesOnly(ROOT)))
                .containsExactly("templates.application.ForeignGraphQLUser -> wechat.graphql.TimeoutClassifier",
                        "templates.infrastructure.InternalsUser -> wechat.infrastructure.Adapter");
    }

    @Test
    void aDependencyMissingFromTheModuleMapIsReported() {
        assertThat(violations(ArchitectureRules.modulesDependOnlyAsAllowed(ROOT)))
                .containsExactly("identity.application.TemplatesUser -> templates.api.TemplatesApi");
    }

    @Test
    void eachOutwardLayerDependencyIsReportedInEveryModuleWeChatToo() {
        assertThat(violations(ArchitectureRules.layersDependInward(ROOT))).containsExactlyInAnyOrder(
                "templates.api.TemplatesApi -> templates.domain.Thing",
                "templates.domain.Thing -> templates.application.Service",
                "templates.application.Service -> templates.infrastructure.Store",
                "templates.application.ResolverUser -> templates.graphql.Resolver",
                "templates.infrastructure.Store -> templates.graphql.Resolver",
                "wechat.application.NewService -> wechat.infrastructure.Adapter",
                "wechat.application.InboxProcessor -> wechat.infrastructure.InboxWriter");
    }

    @Test
    void anHttpClientOutsideInfrastructureIsReported() {
        assertThat(violations(ArchitectureRules.onlyInfrastructureDrivesHttpClients(ROOT))).containsExactlyInAnyOrder(
                "wechat.application.HttpCaller -> java.net.http.HttpClient",
                "wechat.web.RestCaller -> jakarta.ws.rs.client.ClientBuilder");
    }

    @Test
    void aProductModuleDrivingTheSandboxIsReported() {
        assertThat(violations(ArchitectureRules.productModulesDoNotUseTheSandbox(ROOT)))
                .containsExactly("templates.infrastructure.SandboxUser -> wechat.api.Sandbox");
    }

    /** The violated dependencies as {@code origin -> target}, relative to the fixture root, each once. */
    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        return result.getFailureReport().getDetails().stream()
                .map(ArchitectureRulesBiteTest::pair)
                .distinct().sorted().toList();
    }

    /** "Field <a.b.C.f> has type <a.b.D> in (C.java:0)" → "C -> D", relative to the root when inside it. */
    private static String pair(String detail) {
        List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([\\w.$]+)[^>]*>").matcher(detail);
        while (m.find()) {
            String name = m.group(1);
            names.add(name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : name);
        }
        return topLevel(names.get(0)) + " -> " + topLevel(names.get(names.size() - 1));
    }

    private static String topLevel(String name) {
        String[] parts = name.replaceAll("\\$.*", "").split("\\.");
        // origin may be a member (Class.field / Class.method()): keep up to the first capitalised segment
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(p);
            if (!p.isEmpty() && Character.isUpperCase(p.charAt(0))) {
                break;
            }
        }
        return b.toString();
    }
}
