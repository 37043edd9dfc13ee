package app.fanmail.sandbox.world;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every message the sandbox delivered (or accepted for delivery) to a fan: template, customer-service, mass,
 * preview. Individual messages are entries; a mass job is one record with its recipient bit set. Counters are
 * exact even when old entries are evicted past the cap. Not thread-safe: used under the account lock.
 * <p>
 * Pages are indexed reads: entries by client_msg_id in a sorted map (a prefix is a range of it), mass jobs by msg_id.
 * A prefix's matches in ledger order and their counts are kept for the next page while the ledger is unchanged
 * ({@link #version}), so paging through a finished job costs a binary search per page.
 */
final class Ledger {

    enum Kind {
        TEMPLATE, CUSTOM, MASS, PREVIEW;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String s) {
            return s == null || s.isBlank() ? null : Kind.valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    static final class Entry {
        final long seq;
        final long timeMillis;
        final Kind kind;
        final int fan;
        final String towxname;
        final long msgId;
        final String clientMsgId;
        final String ref;
        final String summary;
        String status;
        /** The host the caller addressed (its Host header) when it matters: template sends; null otherwise. */
        String via;

        Entry(long seq, long timeMillis, Kind kind, int fan, String towxname, long msgId, String clientMsgId,
              String ref, String summary, String status) {
            this.seq = seq;
            this.timeMillis = timeMillis;
            this.kind = kind;
            this.fan = fan;
            this.towxname = towxname;
            this.msgId = msgId;
            this.clientMsgId = clientMsgId;
            this.ref = ref;
            this.summary = summary;
            this.status = status;
        }
    }

    private final int cap;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<MassJob> massJobs = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    /**
     * Retained entries that have a client_msg_id, by it: the {@link Entry} itself, or an {@code ArrayDeque<Entry>} in
     * ledger order when the id was used more than once (no list per entry: the ledger holds millions).
     */
    private final TreeMap<String, Object> byClientMsgId = new TreeMap<>();
    /** Mass jobs by msg_id (the first job with an id, as a scan would find). */
    private final Map<Long, MassJob> massByMsgId = new HashMap<>();
    /** The matches of recently paged prefixes, valid while {@link #version} is unchanged. */
    private final Map<String, PrefixMatches> prefixCache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PrefixMatches> eldest) {
            return size() > 8;
        }
    };
    /** Bumped by every change that can alter a page: add, status change, eviction, mass job, clear. */
    private long version;
    private long seq;
    private long evicted;

    /**
     * A prefix's retained entries, oldest first, with their counts (by status, fans, duplicates), as of
     * {@code version}. Mass jobs are counted per page: their status changes outside the ledger.
     */
    private record PrefixMatches(long version, Entry[] bySeq, Map<String, Long> byStatus, Map<String, Long> byVia, int fans,
                                 long duplicates) {
    }

    Ledger(int cap) {
        this.cap = Math.max(1, cap);
    }

    Entry add(long timeMillis, Kind kind, int fan, String towxname, long msgId, String clientMsgId, String ref,
              String summary, String status) {
        Entry e = new Entry(++seq, timeMillis, kind, fan, towxname, msgId, clientMsgId, ref, summary, status);
        entries.addLast(e);
        counts.merge(kind.id() + "/" + status, 1L, Long::sum);
        if (clientMsgId != null) {
            byClientMsgId.merge(clientMsgId, e, Ledger::append);
        }
        if (entries.size() > cap) {
            Entry old = entries.removeFirst();
            if (old.clientMsgId != null) {
                // the oldest retained entry is the first of its client_msg_id's entries
                Object same = byClientMsgId.get(old.clientMsgId);
                if (same instanceof ArrayDeque<?> list && list.size() > 1) {
                    list.removeFirst();
                } else {
                    byClientMsgId.remove(old.clientMsgId);
                }
            }
            evicted++;
        }
        version++;
        return e;
    }

    /** Adds {@code added} (an Entry) after {@code existing} (an Entry or a list of them). */
    @SuppressWarnings("unchecked")
    private static Object append(Object existing, Object added) {
        if (existing instanceof ArrayDeque<?> list) {
            ((ArrayDeque<Entry>) list).addLast((Entry) added);
            return list;
        }
        ArrayDeque<Entry> list = new ArrayDeque<>(2);
        list.addLast((Entry) existing);
        list.addLast((Entry) added);
        return list;
    }

    void setStatus(Entry e, String status) {
        counts.merge(e.kind.id() + "/" + e.status, -1L, Long::sum);
        e.status = status;
        counts.merge(e.kind.id() + "/" + status, 1L, Long::sum);
        version++;
    }

    void addMass(MassJob job) {
        massJobs.add(job);
        massByMsgId.putIfAbsent(job.msgId, job);
        version++;
    }

    void clear() {
        entries.clear();
        massJobs.clear();
        counts.clear();
        byClientMsgId.clear();
        massByMsgId.clear();
        prefixCache.clear();
        evicted = 0;
        version++;
    }

    /** Newest first. {@code fan} -1 = all fans; mass jobs appear as one aggregate line unless a fan is given. */
    List<JsonObject> query(FanStore fans, int fan, Kind kind, int limit, long sinceMillis) {
        List<JsonObject> single = new ArrayList<>();
        if (kind != Kind.MASS) {
            Iterator<Entry> it = entries.descendingIterator();
            while (it.hasNext() && single.size() < limit) {
                Entry e = it.next();
                if (e.timeMillis < sinceMillis) {
                    break;
                }
                if ((fan < 0 || e.fan == fan) && (kind == null || e.kind == kind)) {
                    single.add(entryJson(fans, e));
                }
            }
        }
        List<JsonObject> mass = new ArrayList<>();
        if (kind == null || kind == Kind.MASS) {
            for (int i = massJobs.size() - 1; i >= 0 && mass.size() < limit; i--) {
                MassJob job = massJobs.get(i);
                if (job.createdAtMillis < sinceMillis) {
                    break;
                }
                if (fan >= 0) {
                    if (job.audience.get(fan)) {
                        mass.add(massFanJson(fans, job, fan));
                    }
                } else {
                    mass.add(massJson(job));
                }
            }
        }
        List<JsonObject> out = new ArrayList<>(Math.min(limit, single.size() + mass.size()));
        int a = 0;
        int b = 0;
        while (out.size() < limit && (a < single.size() || b < mass.size())) {
            if (b >= mass.size() || (a < single.size()
                    && single.get(a).getJsonNumber("time").longValue() >= mass.get(b).getJsonNumber("time").longValue())) {
                out.add(single.get(a++));
            } else {
                out.add(mass.get(b++));
            }
        }
        return out;
    }

    /**
     * Single messages whose client_msg_id starts with {@code prefix} (a dispatch job's keys share one), oldest first,
     * after the cursor {@code afterSeq}, at most {@code limit}; with the counts over every retained match: total,
     * by status, distinct fans, duplicates (the same kind, fan and client_msg_id delivered more than once: each
     * occurrence past the first counts) and by the host the sender addressed ({@code byVia}: several senders on one
     * address, such as Fanmail nodes on one machine, address the sandbox by different names to be told apart).
     */
    JsonObject pageByClientMsgId(FanStore fans, String prefix, long afterSeq, int limit) {
        PrefixMatches matches = prefixCache.get(prefix);
        if (matches == null || matches.version() != version) {
            matches = matches(prefix);
            prefixCache.put(prefix, matches);
        }
        Entry[] bySeq = matches.bySeq();
        // the first match after the cursor: entries are in ascending seq order
        int lo = 0;
        int hi = bySeq.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bySeq[mid].seq <= afterSeq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = (int) Math.min(bySeq.length, (long) lo + limit);
        JsonArrayBuilder items = Jsons.array();
        for (int i = lo; i < end; i++) {
            items.add(entryJson(fans, bySeq[i]));
        }
        long total = bySeq.length;
        Map<String, Long> byStatus = new TreeMap<>(matches.byStatus());
        for (MassJob job : massJobs) {
            if (job.explicitClientMsgId && job.clientMsgId.startsWith(prefix)) {
                total++;
                byStatus.merge("mass/" + job.msgStatus(), 1L, Long::sum);
            }
        }
        JsonObjectBuilder statuses = Jsons.object();
        byStatus.forEach(statuses::add);
        JsonObjectBuilder out = Jsons.object().add("count", end - lo).add("items", items)
                .add("counts", Jsons.object().add("total", total).add("byStatus", statuses)
                        .add("fans", matches.fans()).add("duplicates", matches.duplicates())
                        .add("byVia", byVia(matches.byVia())));
        if (end < bySeq.length) {
            out.add("next", Long.toString(bySeq[end - 1].seq));
        }
        return out.build();
    }

    /** The retained entries whose client_msg_id starts with {@code prefix}, from the index, and their counts. */
    private PrefixMatches matches(String prefix) {
        List<Entry> found = new ArrayList<>();
        long duplicates = 0;
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byVia = new TreeMap<>();
        BitSet fansSeen = new BitSet();
        for (Map.Entry<String, Object> group : byClientMsgId.tailMap(prefix, true).entrySet()) {
            if (!group.getKey().startsWith(prefix)) {
                break; // keys with the prefix are one contiguous range of the sorted map
            }
            @SuppressWarnings("unchecked")
            Iterable<Entry> same = group.getValue() instanceof ArrayDeque<?> list ? (ArrayDeque<Entry>) list
                    : List.of((Entry) group.getValue());
            Map<Long, Integer> perKindAndFan = group.getValue() instanceof ArrayDeque<?> ? new HashMap<>() : null;
            for (Entry e : same) {
                found.add(e);
                byStatus.merge(e.status, 1L, Long::sum);
                if (e.via != null) {
                    byVia.merge(e.via, 1L, Long::sum);
                }
                if (e.fan >= 0) {
                    fansSeen.set(e.fan);
                    // the same kind, fan and client_msg_id more than once: each occurrence past the first
                    if (perKindAndFan != null
                            && perKindAndFan.merge(((long) e.kind.ordinal() << 32) | e.fan, 1, Integer::sum) > 1) {
                        duplicates++;
                    }
                }
            }
        }
        Entry[] bySeq = found.toArray(new Entry[0]);
        Arrays.sort(bySeq, Comparator.comparingLong(e -> e.seq));
        return new PrefixMatches(version, bySeq, byStatus, byVia, fansSeen.cardinality(), duplicates);
    }

    private static JsonObject byVia(Map<String, Long> counts) {
        JsonObjectBuilder b = Jsons.object();
        counts.forEach(b::add);
        return b.build();
    }

    /**
     * The recipients of one mass job (by its msg_id), in fan order after the cursor {@code afterFan}, at most
     * {@code limit}, with the job's counts; null when no such job is retained.
     */
    JsonObject pageByMassJob(FanStore fans, long msgId, int afterFan, int limit) {
        MassJob job = massByMsgId.get(msgId);
        if (job == null) {
            return null;
        }
        JsonArrayBuilder items = Jsons.array();
        int n = 0;
        int last = -1;
        int i = job.audience.nextSetBit(Math.max(0, afterFan + 1));
        for (; i >= 0 && n < limit; i = job.audience.nextSetBit(i + 1)) {
            items.add(massFanJson(fans, job, i));
            n++;
            last = i;
        }
        JsonObjectBuilder out = Jsons.object().add("count", n).add("items", items)
                .add("counts", Jsons.object().add("total", job.filterCount()).add("status", job.msgStatus())
                        .add("sent", job.sentCount).add("errors", job.errorCount));
        if (i >= 0) {
            out.add("next", Integer.toString(last));
        }
        return out.build();
    }

    JsonObject summary(FanStore fans) {
        JsonObjectBuilder byKind = Jsons.object();
        Map<String, JsonObjectBuilder> kinds = new TreeMap<>();
        Map<String, Long> totals = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (n == 0) {
                return;
            }
            String[] p = key.split("/", 2);
            kinds.computeIfAbsent(p[0], k -> Jsons.object()).add(p[1], n);
            totals.merge(p[0], n, Long::sum);
        });
        totals.forEach((k, n) -> kinds.get(k).add("total", n));
        long massSent = 0;
        long massErrors = 0;
        long massFiltered = 0;
        long massTotal = 0;
        int sending = 0;
        for (MassJob job : massJobs) {
            massTotal += job.totalCount;
            massFiltered += job.totalCount - job.filterCount();
            massSent += job.sentCount;
            massErrors += job.errorCount;
            if (!job.finished()) {
                sending++;
            }
        }
        kinds.computeIfAbsent("mass", k -> Jsons.object())
                .add("jobs", massJobs.size()).add("sending", sending).add("totalCount", massTotal)
                .add("filtered", massFiltered).add("sent", massSent).add("errors", massErrors);
        kinds.forEach(byKind::add);

        // duplicates: the same (kind, openid, client msg id) or (kind, openid, msgid) delivered more than once
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Long> lastContent = new HashMap<>();
        long duplicates = 0;
        long contentRepeats = 0;
        JsonArrayBuilder examples = Jsons.array();
        int exampleCount = 0;
        for (Entry e : entries) {
            if (e.fan < 0) {
                continue;
            }
            List<String> keys = new ArrayList<>(2);
            if (e.clientMsgId != null && !e.clientMsgId.isEmpty()) {
                keys.add(e.kind.id() + "|" + e.fan + "|c|" + e.clientMsgId);
            }
            if (e.msgId > 0) {
                keys.add(e.kind.id() + "|" + e.fan + "|m|" + e.msgId);
            }
            for (String key : keys) {
                int n = seen.merge(key, 1, Integer::sum);
                if (n > 1) {
                    duplicates++;
                    if (exampleCount++ < 20) {
                        examples.add(Jsons.object().add("kind", e.kind.id())
                                .add("openid", fans.openid(e.fan))
                                .add(key.contains("|c|") ? "clientMsgId" : "msgid",
                                        key.contains("|c|") ? e.clientMsgId : Long.toString(e.msgId))
                                .add("occurrences", n));
                    }
                }
            }
            if (e.kind == Kind.TEMPLATE) {
                String ck = e.fan + "|" + e.ref + "|" + e.summary;
                Long last = lastContent.put(ck, e.timeMillis);
                if (last != null && e.timeMillis - last < 600_000) {
                    contentRepeats++;
                }
            }
        }
        Map<String, List<MassJob>> byClient = new HashMap<>();
        for (MassJob job : massJobs) {
            if (job.explicitClientMsgId) {
                byClient.computeIfAbsent(job.clientMsgId, k -> new ArrayList<>()).add(job);
            }
        }
        for (List<MassJob> group : byClient.values()) {
            for (int i = 1; i < group.size(); i++) {
                BitSet overlap = delivered(group.get(i));
                BitSet earlier = new BitSet();
                for (int j = 0; j < i; j++) {
                    earlier.or(delivered(group.get(j)));
                }
                overlap.and(earlier);
                int n = overlap.cardinality();
                if (n > 0) {
                    duplicates += n;
                    if (exampleCount++ < 20) {
                        examples.add(Jsons.object().add("kind", "mass")
                                .add("clientMsgId", group.get(i).clientMsgId).add("fans", n));
                    }
                }
            }
        }
        return Jsons.object()
                .add("entries", seq)
                .add("retained", entries.size())
                .add("evicted", evicted)
                .add("byKind", byKind)
                .add("duplicates", Jsons.object().add("count", duplicates).add("examples", examples))
                .add("templateContentRepeatsWithin10Min", contentRepeats)
                .build();
    }

    private static BitSet delivered(MassJob job) {
        BitSet b = (BitSet) job.audience.clone();
        b.andNot(job.errors);
        if (!job.finished()) {
            b.clear();
        }
        return b;
    }

    private static JsonObject entryJson(FanStore fans, Entry e) {
        JsonObjectBuilder b = Jsons.object()
                .add("seq", e.seq)
                .add("time", e.timeMillis)
                .add("kind", e.kind.id())
                .add("openid", e.fan >= 0 ? fans.openid(e.fan) : "");
        if (e.towxname != null) {
            b.add("towxname", e.towxname);
        }
        if (e.msgId > 0) {
            b.add("msgid", Long.toString(e.msgId));
        }
        if (e.clientMsgId != null) {
            b.add("clientMsgId", e.clientMsgId);
        }
        if (e.via != null) {
            b.add("via", e.via);
        }
        return b.add("ref", e.ref == null ? "" : e.ref).add("summary", e.summary == null ? "" : e.summary)
                .add("status", e.status).build();
    }

    private static JsonObject massJson(MassJob job) {
        JsonObjectBuilder b = Jsons.object()
                .add("time", job.createdAtMillis)
                .add("kind", "mass")
                .add("msgid", Long.toString(job.msgId))
                .add("api", job.api)
                .add("ref", job.msgtype)
                .add("summary", job.summary)
                .add("status", job.msgStatus())
                .add("totalCount", job.totalCount)
                .add("filterCount", job.filterCount())
                .add("sentCount", job.sentCount)
                .add("errorCount", job.errorCount);
        if (job.explicitClientMsgId) {
            b.add("clientMsgId", job.clientMsgId);
        }
        return b.build();
    }

    private static JsonObject massFanJson(FanStore fans, MassJob job, int fan) {
        JsonObjectBuilder b = Jsons.object()
                .add("time", job.createdAtMillis)
                .add("kind", "mass")
                .add("openid", fans.openid(fan))
                .add("msgid", Long.toString(job.msgId))
                .add("ref", job.msgtype)
                .add("summary", job.summary)
                .add("status", !job.finished() ? "sending" : job.errors.get(fan) ? "error" : "delivered");
        if (job.explicitClientMsgId) {
            b.add("clientMsgId", job.clientMsgId);
        }
        return b.build();
    }
}
