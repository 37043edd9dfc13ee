package app.fanmail.app.archfixtures;

import app.fanmail.kernel.json.JsonFactories;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Uses JSON the allowed way (the shared factories, and Json's constants): the rule must not report it. */
public final class FactoryUser {
    private FactoryUser() {
    }

    public static JsonObject built() {
        JsonValue nothing = JsonValue.NULL;
        return JsonFactories.object().add("ok", true).add("nothing", nothing).add("pointer", Json.encodePointer("a/b")).build();
    }
}
