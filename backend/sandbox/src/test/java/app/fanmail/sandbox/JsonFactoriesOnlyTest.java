package app.fanmail.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code Json.create*} does a ServiceLoader lookup per call inside WildFly; the sandbox builds and reads JSON only
 * through the shared factories in {@code world.Jsons}.
 */
class JsonFactoriesOnlyTest {

    private static final Pattern PER_CALL_LOOKUP = Pattern.compile("\\bJson\\.create\\w*\\(");

    @Test
    void noSourceOutsideJsonsCallsJsonCreate() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("app/fanmail/sandbox/world/Jsons.java")))
                    .filter(p -> PER_CALL_LOOKUP.matcher(stripComments(read(p))).find())
                    .map(p -> main.relativize(p).toString()).toList();
            assertThat(offenders).isEmpty();
        }
        assertThat(PER_CALL_LOOKUP.matcher("x = Json.createObjectBuilder().build();").find()).isTrue();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
