package app.fanmail.templates.domain;

import java.util.Objects;

import app.fanmail.templates.api.ValueRefusalReason;

/**
 * WeChat's rules for template values, as the templates module needs them (a port: the wechat module owns the rule
 * table, an infrastructure adapter translates). Typed keys ({@code thing1}, {@code time2}…) are checked by their
 * type and refused, never cut; untyped ones ({@code keywordN}) are only cut on the phone.
 */
public interface ValueRules {
    /** What WeChat does with a value. */
    enum Outcome {
        /** Sent and shown as it is. */
        OK,
        /** Refused for its type (47003): nothing is sent. */
        REFUSED,
        /** Sent, shown cut on the phone. */
        CUT_FOR_DISPLAY
    }

    /**
     * @param key     the field key
     * @param type    the type the key names
     * @param outcome what WeChat does
     * @param reason  why it is refused; null unless REFUSED
     * @param limit   for TOO_LONG the type's limit, for CUT_FOR_DISPLAY the characters shown; otherwise null
     * @param message English explanation naming the field; null when OK
     */
    record Verdict(String key, FieldType type, Outcome outcome, ValueRefusalReason reason, Integer limit, String message) {
        public Verdict {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(outcome, "outcome");
        }

        public boolean refused() {
            return outcome == Outcome.REFUSED;
        }
    }

    /** Whether WeChat checks (and refuses) values of this key by their type. */
    boolean typed(String key);

    /** The verdict on a value; null counts as empty. */
    Verdict check(String key, String value);
}
