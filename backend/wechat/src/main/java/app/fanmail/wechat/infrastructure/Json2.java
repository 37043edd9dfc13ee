package app.fanmail.wechat.infrastructure;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Lenient readers for WeChat's JSON (fields go missing, numbers exceed 2^53). */
final class Json2 {
    private Json2() {
    }

    static String str(JsonObject o, String key) {
        if (o == null || !o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.bigIntegerValue().toString();
        }
        return v.toString();
    }

    static long num(JsonObject o, String key, long fallback) {
        String s = str(o, key);
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static JsonObject obj(JsonObject o, String key) {
        return o != null && o.containsKey(key) && o.get(key) instanceof JsonObject j ? j : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonArray arr(JsonObject o, String key) {
        return o != null && o.containsKey(key) && o.get(key) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** Each object of the array at {@code key}, mapped; other values are skipped. */
    static <T> List<T> objects(JsonObject o, String key, java.util.function.Function<JsonObject, T> mapper) {
        List<T> out = new ArrayList<>();
        for (JsonValue v : arr(o, key)) {
            if (v instanceof JsonObject j) {
                out.add(mapper.apply(j));
            }
        }
        return out;
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>(a.size());
        for (JsonValue v : a) {
            out.add(v instanceof JsonString s ? s.getString() : v.toString());
        }
        return out;
    }
}
