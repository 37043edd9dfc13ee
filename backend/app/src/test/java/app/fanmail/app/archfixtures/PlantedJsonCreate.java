package app.fanmail.app.archfixtures;

import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A planted violation of the shared-JSON-factories rule: never used, only analysed by SharedJsonFactoriesRuleTest. */
public final class PlantedJsonCreate {
    private PlantedJsonCreate() {
    }

    public static JsonObject called() {
        return Json.createObjectBuilder().add("planted", true).build();
    }

    /** The same lookup hidden behind a method reference. */
    public static Supplier<JsonObjectBuilder> referenced() {
        return Json::createObjectBuilder;
    }
}
