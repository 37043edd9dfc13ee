package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Lenient readers for request JSON: WeChat SDKs send ids as numbers or as strings, so both are accepted. */
final class J {

    static final JsonObject EMPTY = Jsons.object().build();

    private J() {
    }

    static JsonObject parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        try (var reader = Jsons.reader(new StringReader(text))) {
            JsonValue v = reader.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Err.dataFormatError();
            }
            return v.asJsonObject();
        } catch (IllegalStateException | jakarta.json.JsonException e) {
            throw Err.dataFormatError();
        }
    }

    static String str(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> v.toString();
        };
    }

    static JsonObject obj(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    static JsonArray arr(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : null;
    }

    /** A long from a number or numeric string; {@code def} when absent; 47001 when not numeric. */
    static long lng(JsonObject o, String key, long def) {
        String s = str(o, key);
        if (s == null || s.isBlank()) {
            return def;
        }
        try {
            return new java.math.BigDecimal(s.trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw Err.dataFormatError();
        }
    }

    static Long lngOrNull(JsonObject o, String key) {
        String s = str(o, key);
        if (s == null || s.isBlank()) {
            return null;
        }
        return lng(o, key, 0);
    }

    static double dbl(JsonObject o, String key, double def) {
        String s = str(o, key);
        if (s == null || s.isBlank()) {
            return def;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw Err.dataFormatError();
        }
    }

    static boolean bool(JsonObject o, String key, boolean def) {
        String s = str(o, key);
        if (s == null) {
            return def;
        }
        return s.equalsIgnoreCase("true") || s.equals("1");
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        for (JsonValue v : a) {
            if (v.getValueType() == JsonValue.ValueType.STRING) {
                out.add(((JsonString) v).getString());
            } else if (v.getValueType() == JsonValue.ValueType.NUMBER) {
                out.add(v.toString());
            } else if (v.getValueType() == JsonValue.ValueType.OBJECT && v.asJsonObject().containsKey("openid")) {
                out.add(str(v.asJsonObject(), "openid"));
            }
        }
        return out;
    }

    static String cut(String s, int codePoints) {
        if (s == null) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= codePoints) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}
