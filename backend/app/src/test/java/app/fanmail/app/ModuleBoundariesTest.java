package app.fanmail.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import app.fanmail.kernel.security.RequiresRole;

/**
 * The module rules every bounded module inherits. A module is the package {@code app.fanmail.<module>};
 * {@code kernel} is shared by all, {@code app} is the assembling shell, {@code testing} is test support.
 */
@AnalyzeClasses(packages = "app.fanmail", importOptions = {ImportOption.DoNotIncludeTests.class})
class ModuleBoundariesTest {
    private static final String ROOT = "app.fanmail";


    /** Modules reach each other only through {@code <module>.api}; the kernel is open to all. */
    @ArchTest
    static final ArchRule modulesTalkThroughApiPackagesOnly = ArchitectureRules.modulesTalkThroughApiPackagesOnly(ROOT);

    /** Which module may use which is an explicit map ({@link ArchitectureRules#ALLOWED_MODULE_DEPENDENCIES}). */
    @ArchTest
    static final ArchRule modulesDependOnlyAsAllowed = ArchitectureRules.modulesDependOnlyAsAllowed(ROOT);

    /**
     * api depends on nothing internal; domain on no application, infrastructure, graphql or web;
     * application on no infrastructure (ports, not adapters), graphql or web; infrastructure on no
     * graphql or web; graphql and web on no infrastructure. No exemptions.
     */
    @ArchTest
    static final ArchRule layersDependInward = ArchitectureRules.layersDependInward(ROOT);

    /** Only wechat, accounts and the shell drive the WeChat sandbox; product modules talk to WeChat as if it were real. */
    @ArchTest
    static final ArchRule productModulesDoNotUseTheSandbox = ArchitectureRules.productModulesDoNotUseTheSandbox(ROOT);

    /** HTTP clients are built and driven in infrastructure only; the other layers use ports. */
    @ArchTest
    static final ArchRule onlyInfrastructureDrivesHttpClients = ArchitectureRules.onlyInfrastructureDrivesHttpClients(ROOT);

    @ArchTest
    static final ArchRule kernelDependsOnNoModule = noClasses().that().resideInAPackage("app.fanmail.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("app.fanmail.identity..", "app.fanmail.accounts..", "app.fanmail.wechat..", "app.fanmail.templates..", "app.fanmail.audiences..", "app.fanmail.dispatch..", "app.fanmail.history..",
                    "app.fanmail.app..");

    /** WeChat is an anti-corruption layer: other modules reach it only from their infrastructure (adapters), via its api. */
    @ArchTest
    static final ArchRule onlyInfrastructureTalksToWeChat = noClasses()
            .that().resideOutsideOfPackages("app.fanmail.wechat..", "..infrastructure..", "app.fanmail.app..")
            .should().dependOnClassesThat().resideInAPackage("app.fanmail.wechat..");

    /** Nobody outside the WeChat module sees WeChat's wire format (the REST client interfaces and JSON adapters). */
    @ArchTest
    static final ArchRule weChatWireStaysInside = noClasses()
            .that().resideOutsideOfPackage("app.fanmail.wechat..")
            .should().dependOnClassesThat().resideInAnyPackage("app.fanmail.wechat.infrastructure..", "app.fanmail.wechat.domain..");

    @ArchTest
    static final ArchRule noCyclesBetweenModules = slices().matching("app.fanmail.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule entitiesLiveInDomainPackages = classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
            .should().resideInAPackage("..domain..");

    @ArchTest
    static final ArchRule graphQLApisLiveInGraphQLPackages = classes()
            .that().areAnnotatedWith(org.eclipse.microprofile.graphql.GraphQLApi.class)
            .should().resideInAPackage("..graphql..");

    @ArchTest
    static final ArchRule onlyServicesAndInfrastructureTouchTheDatabase = noClasses()
            .that().resideInAnyPackage("..graphql..", "..web..", "..api..", "..domain..")
            .should().dependOnClassesThat().areAssignableTo(jakarta.persistence.EntityManager.class);

    @ArchTest
    static final ArchRule transactionsBelongToApplicationServices = noClasses()
            .that().resideInAnyPackage("..graphql..", "..web..")
            .should().beAnnotatedWith(jakarta.transaction.Transactional.class);

    /** No GraphQL operation without a declared role: unauthenticated access cannot happen by omission. */
    @ArchTest
    static final ArchRule everyOperationDeclaresItsRole = methods()
            .that().areAnnotatedWith(org.eclipse.microprofile.graphql.Query.class)
            .or().areAnnotatedWith(org.eclipse.microprofile.graphql.Mutation.class)
            .or().areAnnotatedWith(io.smallrye.graphql.api.Subscription.class)
            .should(new ArchCondition<>("declare @RequiresRole on the method or its class") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    boolean guarded = method.isAnnotatedWith(RequiresRole.class) || method.getOwner().isAnnotatedWith(RequiresRole.class);
                    if (!guarded) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has no @RequiresRole"));
                    }
                }
            });
}
