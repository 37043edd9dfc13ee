package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.graphql.UserErrorsException;

class TagJobServiceTest {
    private static String code(Runnable r) {
        try {
            r.run();
        } catch (UserErrorsException e) {
            return e.errors().get(0).code();
        }
        return null;
    }

    @Test
    void aSelectionDropsBlanksAndRepeatsAndKeepsItsOrder() {
        assertThat(TagJobService.openids(Arrays.asList(" b ", "a", null, "", "b", "c"))).containsExactly("b", "a", "c");
    }

    @Test
    void aSelectionNamesOneToTenThousandOpenids() {
        assertThat(code(() -> TagJobService.openids(List.of(" ", "")))).isEqualTo("OPENIDS_REQUIRED");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= TagJobService.MAX_OPENIDS; i++) {
            many.add("o" + i);
        }
        assertThat(code(() -> TagJobService.openids(many))).isEqualTo("OPENIDS_TOO_MANY");
        assertThat(TagJobService.openids(many.subList(0, TagJobService.MAX_OPENIDS))).hasSize(TagJobService.MAX_OPENIDS);
        assertThatThrownBy(() -> TagJobService.openids(List.of("o".repeat(129)))).isInstanceOf(UserErrorsException.class);
    }
}
