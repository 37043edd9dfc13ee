package app.fanmail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

import org.junit.jupiter.api.Test;

import app.fanmail.app.archfixtures.FactoryUser;
import app.fanmail.app.archfixtures.PlantedJsonCreate;
import app.fanmail.kernel.json.JsonFactories;

/** The rule of {@link SharedJsonFactoriesTest} catches what it is meant to, and only that. */
class SharedJsonFactoriesRuleTest {

    @Test
    void reportsJsonCreateCalledOrReferencedOutsideTheSharedFactories() {
        JavaClasses classes = new ClassFileImporter().importClasses(PlantedJsonCreate.class, FactoryUser.class, JsonFactories.class);
        EvaluationResult result = SharedJsonFactoriesTest.jsonOnlyThroughTheSharedFactories.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("PlantedJsonCreate.called()").contains("Json.createObjectBuilder()"))
                .anySatisfy(d -> assertThat(d).contains("PlantedJsonCreate.referenced()").contains("Json.createObjectBuilder()"))
                .allSatisfy(d -> assertThat(d).contains("PlantedJsonCreate").doesNotContain("FactoryUser"));
    }

    @Test
    void allowsTheSharedFactoriesAndCodeUsingThem() {
        JavaClasses classes = new ClassFileImporter().importClasses(FactoryUser.class, JsonFactories.class);
        assertThat(SharedJsonFactoriesTest.jsonOnlyThroughTheSharedFactories.evaluate(classes).hasViolation()).isFalse();
    }
}
