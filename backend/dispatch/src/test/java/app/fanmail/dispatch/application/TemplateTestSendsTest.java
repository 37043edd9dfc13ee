package app.fanmail.dispatch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.api.TestFan;
import app.fanmail.kernel.graphql.UserErrorsException;

class TemplateTestSendsTest {
    private static TestFan fan(String openid) {
        return new TestFan(openid, "label " + openid, "", true, List.of(), Instant.EPOCH, "op");
    }

    private static final List<TestFan> FANS = List.of(fan("a"), fan("b"), fan("c"));

    @Test
    void allTestFansWhenNoneAreNamedInTheOrderTheyWereAdded() {
        assertThat(TemplateTestSends.chosen(FANS, null)).extracting(TestFan::openid).containsExactly("a", "b", "c");
        assertThat(TemplateTestSends.chosen(FANS, List.of("c", "a"))).extracting(TestFan::openid).containsExactly("a", "c");
    }

    @Test
    void refusesWithoutTestFansAnEmptyChoiceAndAnOpenidThatIsNotATestFan() {
        assertThatThrownBy(() -> TemplateTestSends.chosen(List.of(), null)).isInstanceOf(UserErrorsException.class).hasMessageContaining("NO_TEST_FANS");
        assertThatThrownBy(() -> TemplateTestSends.chosen(FANS, List.of())).isInstanceOf(UserErrorsException.class).hasMessageContaining("OPENIDS_EMPTY");
        assertThatThrownBy(() -> TemplateTestSends.chosen(FANS, List.of("a", "z"))).isInstanceOf(UserErrorsException.class)
                .hasMessageContaining("NOT_A_TEST_FAN");
    }

    @Test
    void neverMoreThanTwenty() {
        List<TestFan> many = IntStream.range(0, 25).mapToObj(i -> fan("f" + i)).toList();
        assertThat(TemplateTestSends.chosen(many, null)).hasSize(TemplateTestSends.MAX);
    }
}
