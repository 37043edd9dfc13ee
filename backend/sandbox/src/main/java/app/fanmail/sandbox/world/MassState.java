package app.fanmail.sandbox.world;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mass-send quotas, rate window, clientmsgid memory (24 h), jobs and speed. Used under the account lock. */
final class MassState {

    static final long CLIENT_MSG_ID_WINDOW_MS = 24 * 3600 * 1000L;
    static final long RETRY_TOO_FAST_MS = 60 * 1000L;
    static final int[] SPEEDS_WAN_PER_MINUTE = {80, 60, 45, 30, 10};

    record Known(long msgId, long atMillis) {
    }

    final DailyCounter daily = new DailyCounter();
    final DailyCounter previewDaily = new DailyCounter();
    final ArrayDeque<Long> sendallTimes = new ArrayDeque<>();
    final LinkedHashMap<String, Known> clientMsgIds = new LinkedHashMap<>();
    final Map<String, Long> failedAttempts = new HashMap<>();
    final LinkedHashMap<Long, MassJob> jobs = new LinkedHashMap<>();
    int speed;

    Known known(String clientMsgId, long now) {
        Iterator<Map.Entry<String, Known>> it = clientMsgIds.entrySet().iterator();
        while (it.hasNext()) {
            if (now - it.next().getValue().atMillis() >= CLIENT_MSG_ID_WINDOW_MS) {
                it.remove();
            } else {
                break;
            }
        }
        return clientMsgIds.get(clientMsgId);
    }

    /** True when another sendall in the last minute would exceed the per-minute limit; records it otherwise. */
    boolean sendallRateExceeded(long now, int perMinute) {
        while (!sendallTimes.isEmpty() && now - sendallTimes.peekFirst() >= 60_000) {
            sendallTimes.removeFirst();
        }
        if (sendallTimes.size() >= perMinute) {
            return true;
        }
        sendallTimes.addLast(now);
        return false;
    }

    void clear() {
        sendallTimes.clear();
        clientMsgIds.clear();
        failedAttempts.clear();
        jobs.clear();
        daily.clear();
        previewDaily.clear();
    }
}
