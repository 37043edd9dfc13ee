package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** A {@link FanFilter} as stored in a segment (absent keys: no condition). */
public final class FanFilterJson {
    private FanFilterJson() {
    }

    public static JsonObject toJson(FanFilter f) {
        JsonObjectBuilder b = JsonFactories.object();
        if (f.search() != null) {
            b.add("search", f.search());
        }
        if (!f.tagIds().isEmpty()) {
            JsonArrayBuilder tags = JsonFactories.array();
            f.tagIds().forEach(tags::add);
            b.add("tagIds", tags);
        }
        b.add("tagMatch", f.tagMatch().name());
        if (f.subscribed() != null) {
            b.add("subscribed", f.subscribed());
        }
        if (f.interactedAfter() != null) {
            b.add("interactedAfter", f.interactedAfter().toString());
        }
        if (f.interactedBefore() != null) {
            b.add("interactedBefore", f.interactedBefore().toString());
        }
        if (f.window() != null) {
            b.add("window", f.window().name());
        }
        return b.build();
    }

    public static FanFilter fromJson(JsonObject o) {
        List<Integer> tags = new ArrayList<>();
        if (o.containsKey("tagIds")) {
            o.getJsonArray("tagIds").getValuesAs(jakarta.json.JsonNumber.class).forEach(n -> tags.add(n.intValue()));
        }
        Boolean subscribed = o.containsKey("subscribed") && o.get("subscribed") != JsonValue.NULL
                ? o.get("subscribed") == JsonValue.TRUE : null;
        return new FanFilter(o.getString("search", null), tags,
                o.containsKey("tagMatch") ? FanFilter.TagMatch.valueOf(o.getString("tagMatch")) : null, subscribed,
                instant(o.getString("interactedAfter", null)), instant(o.getString("interactedBefore", null)),
                o.containsKey("window") ? FanFilter.WindowState.valueOf(o.getString("window")) : null);
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
