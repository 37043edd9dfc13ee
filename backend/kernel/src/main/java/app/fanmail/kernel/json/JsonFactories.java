package app.fanmail.kernel.json;

import java.io.StringReader;
import java.io.Writer;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;

/**
 * The one place in Fanmail that creates JSON-P objects. Inside WildFly every {@code jakarta.json.Json.create*}
 * call looks the provider up through the ServiceLoader (46-94 µs each); these factories are looked up
 * once per deployment, and a builder from them costs under a microsecond. Every other class uses
 * these methods instead of {@code Json.create*} (SharedJsonFactoriesTest in the app module enforces it).
 */
public final class JsonFactories {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    /** Builders for objects and arrays. */
    public static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    /** Readers of JSON text. */
    public static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    /** Writers of JSON text. */
    public static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());
    /** Streaming parsers. */
    public static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

    private JsonFactories() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    /** Parses a JSON object; a {@link jakarta.json.JsonException} (or a {@link ClassCastException} for a non-object) when it is not one. */
    public static JsonObject readObject(String json) {
        try (JsonReader r = READERS.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    public static JsonReader reader(String json) {
        return READERS.createReader(new StringReader(json));
    }

    public static JsonWriter writer(Writer out) {
        return WRITERS.createWriter(out);
    }
}
