package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.api.AudienceCount;
import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.ValueProbe;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.SnapshotMembers;
import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.audiences.application.SelectionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

/**
 * Counts (one aggregate query: {@code count(*) filter (where …)} per reason) and snapshots (one INSERT … SELECT of the
 * members, counted from the rows it returned) over {@code audiences.fan} or an upload's lines. The open windows are
 * joined as an unnested array (a hash join, however many there are), never checked fan by fan.
 */
@ApplicationScoped
public class SelectionStore implements SelectionRepository {
    /** The open windows as a relation, bound at ?1. */
    private static final String WINDOWS = " left join (select distinct unnest(cast(?1 as text[])) as openid) w on w.openid = ";

    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    /** The FROM/WHERE of a selection and the reason of each selected row, with its parameters. */
    private record Plan(String from, String reason, String seq, String columns, List<Object> params) {
        Query bind(Query q, Collection<String> windows) {
            int p = 1;
            if (windows != null) {
                q.setParameter(p++, windows.toArray(String[]::new));
            }
            for (Object o : params) {
                q.setParameter(p++, o);
            }
            return q;
        }
    }

    private Plan plan(UUID accountId, Selection selection, Collection<String> windows) {
        int first = windows == null ? 1 : 2;
        String windowClosed = windows == null ? "" : " when w.openid is null then 'WINDOW_CLOSED'";
        if (selection instanceof FanSelection fans) {
            FanFilterSql where = FanFilterSql.of(accountId, fans.filter(), fans.filterWindows(), first);
            where.planForValues(em);
            String from = " from audiences.fan f" + (windows == null ? "" : WINDOWS + "f.openid") + " where " + where.where();
            return new Plan(from, "case when not f.subscribed then 'UNSUBSCRIBED'" + windowClosed + " end",
                    "row_number() over (order by f.openid)", "null::integer, null::jsonb", where.params());
        }
        UploadSelection upload = (UploadSelection) selection;
        String from = " from audiences.upload_row r left join audiences.fan f on f.account_id = ?" + first + " and f.openid = r.openid"
                + (windows == null ? "" : WINDOWS + "r.openid")
                + " where r.upload_id = ?" + (first + 1) + " and (r.problem is null or r.problem in ('DUPLICATE', 'UNKNOWN_OPENID'))";
        return new Plan(from, "case when r.problem = 'DUPLICATE' then 'DUPLICATE' when f.openid is null then 'UNKNOWN_OPENID'"
                + " when not f.subscribed then 'UNSUBSCRIBED'" + windowClosed + " end",
                "r.line_no", "r.line_no, r.cells", List.of(accountId, upload.uploadId()));
    }

    @Override
    public AudienceCount count(UUID accountId, Selection selection, Collection<String> windows) {
        Plan plan = plan(accountId, selection, windows);
        Object[] r = (Object[]) plan.bind(em.createNativeQuery("select count(*), " + reasonCounts("(" + plan.reason() + ")") + plan.from()), windows)
                .getSingleResult();
        return count(r, 0);
    }

    @Override
    public AudienceProfile profile(UUID accountId, Selection selection, Collection<String> windows, List<String> columns,
                                   Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize) {
        Plan plan = plan(accountId, selection, windows);
        boolean upload = selection instanceof UploadSelection;
        int accountParam = (windows == null ? 1 : 2) + plan.params().size();
        String reached = "(" + plan.reason() + ") is null";
        // a required column the audience lacks is missing for everyone (as a snapshot would render it)
        StringBuilder missing = new StringBuilder("false");
        for (String c : requiredColumns) {
            missing.append(" or ").append(blank(cell(upload, columns.indexOf(c))));
        }
        String sendable = reached + " and not (" + missing + ")";
        StringBuilder select = new StringBuilder("select count(*), ").append(reasonCounts("(" + plan.reason() + ")"))
                .append(", count(*) filter (where ").append(reached).append(" and (").append(missing).append("))");
        for (ValueProbe p : probes) {
            String value = value(p, upload, columns, accountParam);
            select.append(", count(*) filter (where ").append(sendable).append(" and ").append(blank(value)).append(")")
                    .append(", count(*) filter (where ").append(sendable).append(" and char_length(").append(value).append(") > ")
                    .append(Math.max(0, p.longerThan())).append(")");
        }
        Query q = plan.bind(em.createNativeQuery(select + plan.from()), windows);
        if (select.indexOf("?" + accountParam) >= 0) {
            q.setParameter(accountParam, accountId);
        }
        Object[] r = (Object[]) q.getSingleResult();
        AudienceCount count = count(r, 0);
        int at = 1 + ExclusionReason.values().length;
        long missingValue = Rows.lng(r[at++]);
        List<AudienceProfile.ProbeCount> counts = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            counts.add(new AudienceProfile.ProbeCount(Rows.lng(r[at++]), Rows.lng(r[at++])));
        }
        List<Recipient> sample = new ArrayList<>();
        if (sampleSize > 0) {
            Query s = plan.bind(em.createNativeQuery("select " + (upload ? "r.openid" : "f.openid") + ", f.remark, cast(array_to_json("
                    + "coalesce((select array_agg(t.name order by t.name) from audiences.tag t where t.account_id = ?" + accountParam
                    + " and t.tag_id = any(f.tag_ids)), '{}'::varchar[])) as text), " + (upload ? "cast(r.cells as text)" : "null")
                    + plan.from() + " and " + sendable + " order by " + (upload ? "r.line_no" : "f.openid") + " limit " + sampleSize), windows);
            s.setParameter(accountParam, accountId);
            long seq = 0;
            for (Object o : s.getResultList()) {
                Object[] m = (Object[]) o;
                Map<String, String> csv = new LinkedHashMap<>();
                if (m[3] != null) {
                    List<String> cells = Rows.strings(m[3]);
                    for (int c = 0; c < columns.size(); c++) {
                        csv.put(columns.get(c), c < cells.size() && cells.get(c) != null ? cells.get(c) : "");
                    }
                }
                sample.add(new Recipient(++seq, (String) m[0], m[1] == null ? "" : (String) m[1], Rows.strings(m[2]),
                        java.util.Collections.unmodifiableMap(csv)));
            }
        }
        return new AudienceProfile(count, columns, missingValue, counts, sample);
    }

    /** The text of column {@code index} of an upload line ('' when absent; -1: a column the audience lacks). */
    private static String cell(boolean upload, int index) {
        return upload && index >= 0 ? "coalesce(r.cells ->> " + index + ", '')" : "''";
    }

    private static String blank(String text) {
        return "(" + text + ") !~ '\\S'";
    }

    private static String value(ValueProbe p, boolean upload, List<String> columns, int accountParam) {
        return switch (p.source()) {
            case REMARK -> "coalesce(f.remark, '')";
            case OPENID -> upload ? "coalesce(r.openid, '')" : "f.openid";
            case TAG_NAMES -> "coalesce((select string_agg(t.name, '、' order by t.name) from audiences.tag t where t.account_id = ?" + accountParam
                    + " and t.tag_id = any(f.tag_ids)), '')";
            case COLUMN -> cell(upload, columns.indexOf(p.column()));
        };
    }

    private static String reasonCounts(String reason) {
        StringBuilder s = new StringBuilder();
        for (ExclusionReason e : ExclusionReason.values()) {
            s.append(s.isEmpty() ? "" : ", ").append("count(*) filter (where ").append(reason).append(" = '").append(e.name()).append("')");
        }
        return s.toString();
    }

    private static AudienceCount count(Object[] r, int offset) {
        long total = Rows.lng(r[offset]);
        Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        long sum = 0;
        for (ExclusionReason e : ExclusionReason.values()) {
            long n = Rows.lng(r[offset + 1 + e.ordinal()]);
            excluded.put(e, n);
            sum += n;
        }
        return new AudienceCount(total, total - sum, excluded);
    }

    @Override
    public AudienceSnapshot snapshot(UUID snapshotId, UUID accountId, String selectorJson, Purpose purpose, Selection selection,
                                     List<String> columns, Collection<String> windows, Instant now) {
        em.createNativeQuery("insert into audiences.audience_snapshot (id, account_id, selector, purpose, columns, total, reachable, created_at)"
                        + " values (?1, ?2, cast(?3 as jsonb), ?4, cast(?5 as text[]), 0, 0, ?6)")
                .setParameter(1, snapshotId).setParameter(2, accountId).setParameter(3, selectorJson).setParameter(4, purpose.name())
                .setParameter(5, columns.toArray(String[]::new)).setParameter(6, now).executeUpdate();
        Plan plan = plan(accountId, selection, windows);
        int p = (windows == null ? 1 : 2) + plan.params().size();
        Query insert = em.createNativeQuery("with m as (insert into audiences.snapshot_member"
                + " (snapshot_id, seq, openid, remark, tag_ids, upload_line, cells, excluded_reason)"
                + " select cast(?" + p + " as uuid), " + plan.seq() + ", " + (selection instanceof FanSelection ? "f.openid" : "r.openid")
                + ", f.remark, f.tag_ids, " + plan.columns() + ", " + plan.reason() + plan.from()
                + " returning excluded_reason) select count(*), " + reasonCounts("excluded_reason") + " from m");
        plan.bind(insert, windows).setParameter(p, snapshotId);
        AudienceCount count = count((Object[]) insert.getSingleResult(), 0);
        em.createNativeQuery("update audiences.audience_snapshot set total = ?2, reachable = ?3, unsubscribed = ?4, window_closed = ?5,"
                        + " duplicates = ?6, unknown = ?7 where id = ?1")
                .setParameter(1, snapshotId).setParameter(2, count.total()).setParameter(3, count.reachable())
                .setParameter(4, count.excluded(ExclusionReason.UNSUBSCRIBED)).setParameter(5, count.excluded(ExclusionReason.WINDOW_CLOSED))
                .setParameter(6, count.excluded(ExclusionReason.DUPLICATE)).setParameter(7, count.excluded(ExclusionReason.UNKNOWN_OPENID))
                .executeUpdate();
        return new AudienceSnapshot(snapshotId, accountId, purpose, count, List.copyOf(columns), now);
    }

    @Override
    public Optional<AudienceSnapshot> find(UUID snapshotId) {
        List<?> rows = em.createNativeQuery("select id, account_id, purpose, cast(array_to_json(columns) as text), total, reachable, unsubscribed,"
                + " window_closed, duplicates, unknown, created_at from audiences.audience_snapshot where id = ?1").setParameter(1, snapshotId).getResultList();
        return rows.stream().findFirst().map(o -> {
            Object[] r = (Object[]) o;
            Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
            excluded.put(ExclusionReason.UNSUBSCRIBED, Rows.lng(r[6]));
            excluded.put(ExclusionReason.WINDOW_CLOSED, Rows.lng(r[7]));
            excluded.put(ExclusionReason.DUPLICATE, Rows.lng(r[8]));
            excluded.put(ExclusionReason.UNKNOWN_OPENID, Rows.lng(r[9]));
            return new AudienceSnapshot(Rows.uuid(r[0]), Rows.uuid(r[1]), Purpose.valueOf((String) r[2]),
                    new AudienceCount(Rows.lng(r[4]), Rows.lng(r[5]), excluded), Rows.strings(r[3]), Rows.instant(r[10]));
        });
    }

    @Override
    public RecipientChunk read(UUID snapshotId, long afterSeq, int limit) {
        List<?> head = em.createNativeQuery("select account_id, cast(array_to_json(columns) as text) from audiences.audience_snapshot where id = ?1")
                .setParameter(1, snapshotId).getResultList();
        if (head.isEmpty()) {
            return new RecipientChunk(List.of(), afterSeq, false);
        }
        Object[] h = (Object[]) head.get(0);
        UUID accountId = Rows.uuid(h[0]);
        List<String> columns = Rows.strings(h[1]);
        List<?> rows = em.createNativeQuery("select " + memberColumns(4)
                        + " from audiences.snapshot_member m where m.snapshot_id = ?1 and m.seq > ?2 and m.excluded_reason is null"
                        + " order by m.seq limit ?3")
                .setParameter(1, snapshotId).setParameter(2, afterSeq).setParameter(3, limit + 1).setParameter(4, accountId).getResultList();
        List<Recipient> out = members(rows.subList(0, Math.min(rows.size(), limit)), columns);
        long last = out.isEmpty() ? afterSeq : out.get(out.size() - 1).seq();
        return new RecipientChunk(List.copyOf(out), last, rows.size() > limit);
    }

    /** The members' columns as {@link #read} and {@link #recipients} select them: seq, openid, remark, tag names (JSON), cells (JSON). */
    private static String memberColumns(int accountParam) {
        return "m.seq, m.openid, m.remark, cast(array_to_json(coalesce((select array_agg(t.name order by t.name) from audiences.tag t"
                + " where t.account_id = ?" + accountParam + " and t.tag_id = any(m.tag_ids)), '{}'::varchar[])) as text), cast(m.cells as text)";
    }

    private static List<Recipient> members(List<?> rows, List<String> columns) {
        List<Recipient> out = new ArrayList<>(rows.size());
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            Map<String, String> csv = new LinkedHashMap<>();
            if (r[4] != null) {
                List<String> cells = Rows.strings(r[4]);
                for (int c = 0; c < columns.size(); c++) {
                    csv.put(columns.get(c), c < cells.size() && cells.get(c) != null ? cells.get(c) : "");
                }
            }
            out.add(new Recipient(Rows.lng(r[0]), (String) r[1], r[2] == null ? "" : (String) r[2], Rows.strings(r[3]),
                    java.util.Collections.unmodifiableMap(csv)));
        }
        return out;
    }

    @Override
    public List<Recipient> recipients(UUID snapshotId, long[] seqs) {
        List<?> head = em.createNativeQuery("select account_id, cast(array_to_json(columns) as text) from audiences.audience_snapshot where id = ?1")
                .setParameter(1, snapshotId).getResultList();
        if (head.isEmpty()) {
            return List.of();
        }
        Object[] h = (Object[]) head.get(0);
        Long[] wanted = new Long[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            wanted[i] = seqs[i];
        }
        List<?> rows = em.createNativeQuery("select " + memberColumns(3) + " from audiences.snapshot_member m where m.snapshot_id = ?1"
                        + " and m.seq = any(?2) order by m.seq")
                .setParameter(1, snapshotId).setParameter(2, wanted).setParameter(3, Rows.uuid(h[0])).getResultList();
        return List.copyOf(members(rows, Rows.strings(h[1])));
    }

    @Override
    public SnapshotMembers members(UUID snapshotId, List<String> columns, Collection<String> requiredColumns) {
        StringBuilder missing = new StringBuilder("false");
        for (String c : requiredColumns) {
            missing.append(" or ").append(blank(memberCell(columns.indexOf(c))));
        }
        // one row of three aggregates (a row per member costs the ORM more than the database: 1.2 s at 100,000)
        Object[] r = (Object[]) em.createNativeQuery("select count(*), coalesce(string_agg(cast(m.seq as text), ',' order by m.seq), ''),"
                + " cast(coalesce(json_agg(m.openid order by m.seq), '[]') as text),"
                + " coalesce(string_agg(case when " + missing + " then '1' else '0' end, '' order by m.seq), '')"
                + " from audiences.snapshot_member m where m.snapshot_id = ?1 and m.excluded_reason is null").setParameter(1, snapshotId).getSingleResult();
        int n = ((Number) r[0]).intValue();
        long[] seqs = new long[n];
        String[] openids = new String[n];
        boolean[] flags = new boolean[n];
        String seqText = (String) r[1];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int end = seqText.indexOf(',', at);
            seqs[i] = Long.parseLong(end < 0 ? seqText.substring(at) : seqText.substring(at, end));
            at = end + 1;
        }
        jakarta.json.JsonArray ids;
        try (jakarta.json.JsonReader reader = app.fanmail.kernel.json.JsonFactories.reader((String) r[2])) {
            ids = reader.readArray();
        }
        String missingText = (String) r[3];
        for (int i = 0; i < n; i++) {
            openids[i] = ids.getString(i);
            flags[i] = missingText.charAt(i) == '1';
        }
        return new SnapshotMembers(seqs, openids, flags);
    }

    @Override
    public AudienceProfile profileSnapshot(AudienceSnapshot snapshot, Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize) {
        List<String> columns = snapshot.columns();
        StringBuilder missing = new StringBuilder("false");
        for (String c : requiredColumns) {
            missing.append(" or ").append(blank(memberCell(columns.indexOf(c))));
        }
        String sendable = "not (" + missing + ")";
        StringBuilder select = new StringBuilder("select count(*) filter (where ").append(missing).append(")");
        for (ValueProbe p : probes) {
            String value = switch (p.source()) {
                case REMARK -> "coalesce(m.remark, '')";
                case OPENID -> "m.openid";
                case TAG_NAMES -> "coalesce((select string_agg(t.name, '、' order by t.name) from audiences.tag t where t.account_id = ?2"
                        + " and t.tag_id = any(m.tag_ids)), '')";
                case COLUMN -> memberCell(columns.indexOf(p.column()));
            };
            select.append(", count(*) filter (where ").append(sendable).append(" and ").append(blank(value)).append(")")
                    .append(", count(*) filter (where ").append(sendable).append(" and char_length(").append(value).append(") > ")
                    .append(Math.max(0, p.longerThan())).append(")");
        }
        Query q = em.createNativeQuery(select + " from audiences.snapshot_member m where m.snapshot_id = ?1 and m.excluded_reason is null")
                .setParameter(1, snapshot.id());
        if (select.indexOf("?2") >= 0) {
            q.setParameter(2, snapshot.accountId());
        }
        Object r = q.getSingleResult();
        Object[] row = r instanceof Object[] a ? a : new Object[] {r};
        long missingValue = Rows.lng(row[0]);
        List<AudienceProfile.ProbeCount> counts = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            counts.add(new AudienceProfile.ProbeCount(Rows.lng(row[1 + 2 * i]), Rows.lng(row[2 + 2 * i])));
        }
        List<Recipient> sample = List.of();
        if (sampleSize > 0) {
            sample = members(em.createNativeQuery("select " + memberColumns(2) + " from audiences.snapshot_member m where m.snapshot_id = ?1"
                            + " and m.excluded_reason is null and " + sendable + " order by m.seq limit " + sampleSize)
                    .setParameter(1, snapshot.id()).setParameter(2, snapshot.accountId()).getResultList(), columns);
        }
        return new AudienceProfile(snapshot.count(), columns, missingValue, counts, List.copyOf(sample));
    }

    /** The text of column {@code index} of a snapshot member's upload line ('' when absent; -1: a column the snapshot lacks). */
    private static String memberCell(int index) {
        return index >= 0 ? "coalesce(m.cells ->> " + index + ", '')" : "''";
    }

    @Override
    public boolean delete(UUID snapshotId) {
        return em.createNativeQuery("delete from audiences.audience_snapshot where id = ?1").setParameter(1, snapshotId).executeUpdate() > 0;
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return em.createNativeQuery("delete from audiences.audience_snapshot where created_at < ?1").setParameter(1, cutoff).executeUpdate();
    }
}
