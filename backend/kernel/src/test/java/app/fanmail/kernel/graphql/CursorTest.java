package app.fanmail.kernel.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void roundTripsKeyParts() {
        String cursor = Cursor.encode("公众号 a", "3f1e");
        assertThat(Cursor.decode(cursor, 2)).contains(List.of("公众号 a", "3f1e"));
    }

    @Test
    void blankCursorMeansFromTheStart() {
        assertThat(Cursor.decode(null, 2)).isEmpty();
        assertThat(Cursor.decode(" ", 2)).isEmpty();
    }

    @Test
    void malformedCursorIsAUserError() {
        assertThatThrownBy(() -> Cursor.decode("%%%", 2)).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).code()).isEqualTo("CURSOR_INVALID"));
        assertThatThrownBy(() -> Cursor.decode(Cursor.encode("only-one"), 2)).isInstanceOf(UserErrorsException.class);
    }

    @Test
    void pageSizeIsBounded() {
        assertThat(Cursor.pageSize(null, 50, 200)).isEqualTo(50);
        assertThat(Cursor.pageSize(200, 50, 200)).isEqualTo(200);
        assertThatThrownBy(() -> Cursor.pageSize(0, 50, 200)).isInstanceOf(UserErrorsException.class);
        assertThatThrownBy(() -> Cursor.pageSize(201, 50, 200)).isInstanceOf(UserErrorsException.class);
    }
}
