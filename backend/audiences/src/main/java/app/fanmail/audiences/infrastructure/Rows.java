package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.persistence.NativeValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Converting native-query values (and the JSON arrays used for SQL arrays) into Java. */
final class Rows {
    private Rows() {
    }

    static UUID uuid(Object o) {
        return NativeValues.uuid(o);
    }

    static Instant instant(Object o) {
        return NativeValues.instant(o);
    }

    static long lng(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static int integer(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    /** A JSON array of strings (nulls kept) as a list; null or blank is empty. */
    static List<String> strings(Object json) {
        if (json == null || json.toString().isBlank()) {
            return List.of();
        }
        try (JsonReader r = JsonFactories.reader(json.toString())) {
            JsonArray a = r.readArray();
            List<String> out = new ArrayList<>(a.size());
            for (JsonValue v : a) {
                out.add(v.getValueType() == JsonValue.ValueType.NULL ? null
                        : v.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) v).getString() : v.toString());
            }
            return out;
        }
    }

    static String json(List<String> values) {
        if (values == null) {
            return null;
        }
        JsonArrayBuilder b = JsonFactories.array();
        for (String v : values) {
            if (v == null) {
                b.addNull();
            } else {
                b.add(v);
            }
        }
        return b.build().toString();
    }
}
