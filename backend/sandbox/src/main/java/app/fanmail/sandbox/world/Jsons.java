package app.fanmail.sandbox.world;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.Reader;
import java.util.Map;

/**
 * The sandbox's one JSON builder and reader factory. {@code Json.create*} looks the provider up with a
 * ServiceLoader on every call (tens of microseconds inside WildFly: batchget spent more than half its time
 * there); the factories are created once and are thread-safe. No other class calls {@code Json.create*}
 * ({@code JsonFactoriesOnlyTest} checks the sources).
 */
public final class Jsons {

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    public static JsonObjectBuilder object(JsonObject copyOf) {
        return BUILDERS.createObjectBuilder(copyOf);
    }

    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    public static JsonReader reader(Reader reader) {
        return READERS.createReader(reader);
    }
}
