package app.fanmail.dispatch.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DispatchReadSqlTest {
    @Test
    void likeWildcardsAndTheEscapeCharacterAreMatchedLiterally() {
        assertThat(DispatchReadSql.likeEscaped("oAbc-12")).isEqualTo("oAbc-12");
        assertThat(DispatchReadSql.likeEscaped("o_x")).isEqualTo("o\\_x");
        assertThat(DispatchReadSql.likeEscaped("100%")).isEqualTo("100\\%");
        assertThat(DispatchReadSql.likeEscaped("a\\b")).isEqualTo("a\\\\b");
        assertThat(DispatchReadSql.likeEscaped("\\%_")).isEqualTo("\\\\\\%\\_");
    }
}
