package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.graphql.UserErrorsException;

class TestFanServiceTest {
    @Test
    void aLabelIsOneToThirtyCharactersWhateverTheirBytesTrimmed() {
        assertThat(TestFanService.checkedLabel("  Alice's phone ")).isEqualTo("Alice's phone");
        assertThat(TestFanService.checkedLabel("手".repeat(30))).hasSize(30);
        assertThat(TestFanService.checkedLabel("😀".repeat(30))).as("30 code points").isNotEmpty();
        assertThatThrownBy(() -> TestFanService.checkedLabel(" ")).isInstanceOf(UserErrorsException.class).hasMessageStartingWith("LABEL_REQUIRED");
        assertThatThrownBy(() -> TestFanService.checkedLabel(null)).isInstanceOf(UserErrorsException.class).hasMessageStartingWith("LABEL_REQUIRED");
        assertThatThrownBy(() -> TestFanService.checkedLabel("x".repeat(31))).isInstanceOf(UserErrorsException.class)
                .hasMessageStartingWith("LABEL_TOO_LONG");
    }
}
