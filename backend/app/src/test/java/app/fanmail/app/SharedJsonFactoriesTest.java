package app.fanmail.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import app.fanmail.kernel.json.JsonFactories;

/**
 * Inside WildFly every {@code jakarta.json.Json.create*} looks the JSON-P provider up through the
 * ServiceLoader (46-94 µs); Fanmail's main code creates JSON through the shared factories of
 * {@link JsonFactories} instead. Test support ({@code app.fanmail.testing}) runs in the test JVM, never
 * in a deployment, and is exempt. {@link SharedJsonFactoriesRuleTest} proves the rule reports a planted call.
 */
@AnalyzeClasses(packages = "app.fanmail", importOptions = {ImportOption.DoNotIncludeTests.class})
class SharedJsonFactoriesTest {

    /** A call of, or a method reference to, one of Json's create* methods. */
    static final DescribedPredicate<JavaAccess<?>> JSON_CREATE = new DescribedPredicate<>("jakarta.json.Json.create*") {
        @Override
        public boolean test(JavaAccess<?> access) {
            return access.getTargetOwner().isEquivalentTo(jakarta.json.Json.class) && access.getName().startsWith("create");
        }
    };

    @ArchTest
    static final ArchRule jsonOnlyThroughTheSharedFactories = noClasses()
            .that().resideInAPackage("app.fanmail..")
            .and().resideOutsideOfPackage("app.fanmail.testing..")
            .and().doNotBelongToAnyOf(JsonFactories.class)
            .should().accessTargetWhere(JSON_CREATE)
            .because("Json.create* looks the provider up on every call inside WildFly; use app.fanmail.kernel.json.JsonFactories");
}
