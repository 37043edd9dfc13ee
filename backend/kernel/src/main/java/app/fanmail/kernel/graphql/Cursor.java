package app.fanmail.kernel.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Opaque keyset cursors: the sort key of the last row seen, encoded so clients cannot depend on
 * it. A cursor that does not decode is a user error, not a server fault.
 */
public final class Cursor {
    private static final String SEPARATOR = "\u001f";

    private Cursor() {
    }

    public static String encode(String... keyParts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, keyParts).getBytes(StandardCharsets.UTF_8));
    }

    /** The key parts, or empty for a null/blank cursor; throws {@link UserErrorsException} when malformed. */
    public static Optional<List<String>> decode(String cursor, int expectedParts) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split(SEPARATOR, -1));
            if (parts.size() != expectedParts) {
                throw new IllegalArgumentException("parts");
            }
            return Optional.of(parts);
        } catch (IllegalArgumentException e) {
            throw new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.");
        }
    }

    /** Page size within [1, max]; null means {@code defaultSize}. */
    public static int pageSize(Integer first, int defaultSize, int max) {
        if (first == null) {
            return defaultSize;
        }
        if (first < 1 || first > max) {
            throw new UserErrorsException("PAGE_SIZE_INVALID", "first", "first must be between 1 and " + max + ".");
        }
        return first;
    }
}
