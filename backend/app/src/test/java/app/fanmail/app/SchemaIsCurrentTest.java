package app.fanmail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

import io.smallrye.graphql.bootstrap.Bootstrap;
import io.smallrye.graphql.execution.SchemaPrinter;
import io.smallrye.graphql.schema.SchemaBuilder;

/**
 * Generates the SDL from the code exactly as SmallRye does at deployment and compares it with the
 * committed {@code backend/app/schema.graphql}, which the frontend's types are generated from.
 * Run with {@code -Dfanmail.sdl.update=true} to rewrite the committed file after an API change.
 */
class SchemaIsCurrentTest {

    @Test
    void committedSdlMatchesTheCode() throws Exception {
        String generated = generate();
        Path committed = Path.of(System.getProperty("fanmail.sdl.file", "schema.graphql"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "schema.graphql"), generated);
        if (Boolean.getBoolean("fanmail.sdl.update")) {
            Files.writeString(committed, generated);
        }
        assertThat(Files.exists(committed)).as("committed SDL at " + committed).isTrue();
        assertThat(Files.readString(committed))
                .as("backend/app/schema.graphql is stale; run: mvn -pl backend/app test -Dtest=SchemaIsCurrentTest -Dfanmail.sdl.update=true")
                .isEqualTo(generated);
    }

    @Test
    void everyFieldAndTypeIsDescribed() throws Exception {
        String sdl = generate();
        // every line declaring a field, argument-less type member or enum value is preceded by a description
        String[] lines = sdl.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            boolean declaration = line.matches("(type|input|enum) \\w+ .*\\{") || (lines[i].startsWith("  ") && line.matches("[A-Za-z_]\\w*[(:].*|[A-Z_]+"));
            boolean builtIn = line.matches("(type|enum) __.*") || line.startsWith("query:") || line.startsWith("mutation:") || line.startsWith("subscription:");
            if (declaration && !builtIn && !insideScalarOrSchema(lines, i)) {
                assertThat(i > 0 && lines[i - 1].trim().endsWith("\"")).as("description before: " + line).isTrue();
            }
        }
    }

    private static boolean insideScalarOrSchema(String[] lines, int i) {
        for (int j = i; j >= 0; j--) {
            String l = lines[j].trim();
            if (l.startsWith("schema {")) {
                return true;
            }
            if (l.startsWith("type ") || l.startsWith("input ") || l.startsWith("enum ")) {
                return false;
            }
        }
        return false;
    }

    static String generate() throws IOException, URISyntaxException {
        Indexer indexer = new Indexer();
        for (URL root : Collections.list(SchemaIsCurrentTest.class.getClassLoader().getResources("app/fanmail"))) {
            if (root.toString().contains("/test-classes/") || root.toString().contains("fanmail-testing")
                    || root.toString().contains("/testing/target/")) {
                continue;
            }
            if ("jar".equals(root.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (var entry : Collections.list(jar.entries())) {
                        if (entry.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                indexer.index(in);
                            }
                        }
                    }
                }
            } else {
                try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            indexer.index(in);
                        }
                    }
                }
            }
        }
        IndexView index = indexer.complete();
        var graphQLSchema = Bootstrap.bootstrap(SchemaBuilder.build(index), true);
        return new SchemaPrinter().print(graphQLSchema);
    }
}
