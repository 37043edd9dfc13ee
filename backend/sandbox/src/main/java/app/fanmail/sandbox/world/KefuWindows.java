package app.fanmail.sandbox.world;

import jakarta.json.JsonArrayBuilder;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Customer-service windows: each trigger kind (user message; menu click; follow; QR scan) opens its own grant of
 * N messages valid for T; a new trigger of the same kind replaces that grant. Sending uses the open grant that
 * expires first. Used under the account lock.
 */
final class KefuWindows {

    enum Trigger {
        MESSAGE, MENU, SUBSCRIBE, SCAN
    }

    static final class Grant {
        long expiresAt;
        int remaining;
        int allowed;
    }

    /** Typing needs an interaction with the fan in the last 30 s (45080); the indicator lasts 15 s (45081 inside). */
    static final long TYPING_INTERACTION_MS = 30_000;
    static final long TYPING_DURATION_MS = 15_000;

    private final Map<Integer, Grant[]> byFan = new HashMap<>();
    /** The last message exchanged with each fan: a trigger from the fan or a customer-service message to it. */
    private final Map<Integer, Long> lastInteraction = new HashMap<>();
    /** Until when each fan sees "typing…". */
    private final Map<Integer, Long> typingUntil = new HashMap<>();

    void open(int fan, Trigger trigger, KefuRule rule, long now) {
        if (byFan.size() > 200_000) {
            purge(now);
        }
        Grant g = new Grant();
        g.expiresAt = now + rule.seconds() * 1000;
        g.remaining = rule.count();
        g.allowed = rule.count();
        byFan.computeIfAbsent(fan, f -> new Grant[Trigger.values().length])[trigger.ordinal()] = g;
        lastInteraction.put(fan, now);
    }

    /** Uses one message of the fan's window: 45015 when none is open, 45047 when the open ones are used up. */
    void consume(int fan, long now) {
        Grant[] grants = byFan.get(fan);
        Grant best = null;
        boolean anyOpen = false;
        if (grants != null) {
            for (Grant g : grants) {
                if (g == null || g.expiresAt <= now) {
                    continue;
                }
                anyOpen = true;
                if (g.remaining > 0 && (best == null || g.expiresAt < best.expiresAt)) {
                    best = g;
                }
            }
        }
        if (!anyOpen) {
            throw Err.kefuOutOfTime();
        }
        if (best == null) {
            throw Err.kefuCountLimit();
        }
        best.remaining--;
        lastInteraction.put(fan, now);
        typingUntil.remove(fan); // a message sent to the fan ends the typing indicator
    }

    /**
     * {@code message/custom/typing} with "Typing": the window must be open (45015), a message must have been exchanged
     * with the fan in the last 30 s (45080), and the fan must not already see the indicator (45081). "CancelTyping"
     * ends it.
     */
    void typing(int fan, boolean start, long now) {
        requireOpen(fan, now);
        if (!start) {
            typingUntil.remove(fan);
            return;
        }
        Long last = lastInteraction.get(fan);
        if (last == null || now - last > TYPING_INTERACTION_MS) {
            throw Err.of(45080, "no interaction with the user in the last 30 seconds");
        }
        Long until = typingUntil.get(fan);
        if (until != null && until > now) {
            throw Err.of(45081, "already typing");
        }
        typingUntil.put(fan, now + TYPING_DURATION_MS);
    }

    /** Checks only (for typing): 45015 when no window is open. */
    void requireOpen(int fan, long now) {
        Grant[] grants = byFan.get(fan);
        if (grants != null) {
            for (Grant g : grants) {
                if (g != null && g.expiresAt > now) {
                    return;
                }
            }
        }
        throw Err.kefuOutOfTime();
    }

    JsonArrayBuilder describe(int fan, long now) {
        JsonArrayBuilder out = Jsons.array();
        Grant[] grants = byFan.get(fan);
        if (grants == null) {
            return out;
        }
        for (Trigger t : Trigger.values()) {
            Grant g = grants[t.ordinal()];
            if (g != null && g.expiresAt > now) {
                out.add(Jsons.object().add("trigger", t.name().toLowerCase(Locale.ROOT))
                        .add("remaining", g.remaining).add("allowed", g.allowed)
                        .add("expiresAt", g.expiresAt));
            }
        }
        return out;
    }

    void clear() {
        byFan.clear();
        lastInteraction.clear();
        typingUntil.clear();
    }

    private void purge(long now) {
        Iterator<Grant[]> it = byFan.values().iterator();
        while (it.hasNext()) {
            boolean live = false;
            for (Grant g : it.next()) {
                live |= g != null && g.expiresAt > now;
            }
            if (!live) {
                it.remove();
            }
        }
        lastInteraction.values().removeIf(t -> now - t > TYPING_INTERACTION_MS);
        typingUntil.values().removeIf(t -> t <= now);
    }
}
