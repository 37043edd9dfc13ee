package app.fanmail.sandbox.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The recent pushes of one account (a ring of the last N) plus exact counters over all of them. */
public final class PushLog {

    private final int capacity;
    private final ArrayDeque<PushRecord> recent = new ArrayDeque<>();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private long total;
    private long attempts;

    public PushLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public synchronized void add(PushRecord record) {
        recent.addLast(record);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        total++;
        attempts += record.attempts().size();
        byStatus.merge(record.status(), 1L, Long::sum);
    }

    /** Newest first; {@code label}/{@code openid} filter when not null. */
    public synchronized List<PushRecord> recent(int limit, String label, String openid) {
        List<PushRecord> out = new ArrayList<>();
        Iterator<PushRecord> it = recent.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            PushRecord r = it.next();
            if ((label == null || label.equals(r.label())) && (openid == null || openid.equals(r.openid()))) {
                out.add(r);
            }
        }
        return out;
    }

    public synchronized long total() {
        return total;
    }

    public synchronized long attempts() {
        return attempts;
    }

    public synchronized Map<String, Long> byStatus() {
        return new TreeMap<>(byStatus);
    }

    public synchronized void clear() {
        recent.clear();
        byStatus.clear();
        total = 0;
        attempts = 0;
    }
}
