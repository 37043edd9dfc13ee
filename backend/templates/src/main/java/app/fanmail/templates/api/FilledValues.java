package app.fanmail.templates.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one message for one fan, checked by WeChat's rules: what would be sent, the values WeChat refuses
 * for their type (the message is not sent: 47003), and the values WeChat takes but phones show cut. Send plans count
 * "refused by type" and "cut on the phone" separately.
 *
 * @param values     field key → value, in mapping order (what goes into the message's data)
 * @param refused    values WeChat refuses for their type, in key order of {@code values}
 * @param cutOnPhone untyped values ({@code keywordN}) longer than a phone shows
 */
public record FilledValues(Map<String, String> values, List<Refused> refused, List<Cut> cutOnPhone) {
    public FilledValues {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        refused = List.copyOf(refused);
        cutOnPhone = List.copyOf(cutOnPhone);
    }

    /** Whether WeChat would send the message: no value is refused for its type. */
    public boolean sendable() {
        return refused.isEmpty();
    }

    /**
     * A value WeChat refuses for its type.
     *
     * @param key     the field key
     * @param reason  why (a stable code)
     * @param limit   the type's length limit for TOO_LONG, otherwise null
     * @param message English explanation naming the field
     */
    public record Refused(String key, ValueRefusalReason reason, Integer limit, String message) {
        public Refused {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An untyped value that phones show cut.
     *
     * @param key    the field key
     * @param length the value's length in characters (code points)
     * @param shown  how many characters a phone shows
     */
    public record Cut(String key, int length, int shown) {
    }
}
