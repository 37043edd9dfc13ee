package app.fanmail.wechat.infrastructure;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.application.InboxStore;
import app.fanmail.wechat.domain.InboundParser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;

/**
 * Stores pushes in the inbox with group commit: request threads enqueue and wait; one writer thread
 * inserts whatever has queued up (up to 500 rows) in one multi-row INSERT … ON CONFLICT DO NOTHING
 * and one commit, then completes each request. A push is acknowledged to WeChat only after its row
 * is durable; a retried push finds its row and is not stored twice. The (nonce, timestamp) of each
 * accepted push is remembered in the same transaction (replay memory). If a batch fails, its pushes are
 * stored one by one, so only a bad one fails. {@code received_at} is Fanmail's clock when the push arrived.
 */
@ApplicationScoped
public class InboxWriter implements InboxStore {
    private static final Logger LOG = Logger.getLogger(InboxWriter.class.getName());
    private static final int MAX_BATCH = 500;

    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource dataSource;
    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private volatile boolean running = true;
    private volatile Consumer<List<Stored>> onStored = s -> { };
    private Thread writer;

    @PostConstruct
    void start() {
        writer = threads.newThread(this::loop);
        writer.setName("fanmail-inbox-writer");
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
    }

    @Override
    public void onStored(Consumer<List<Stored>> listener) {
        this.onStored = listener;
    }

    @Override
    public CompletableFuture<Stored> store(UUID accountId, Map<String, Object> fields, String rawXml, String nonce, long timestamp,
                                           Instant receivedAt) {
        CompletableFuture<Stored> done = new CompletableFuture<>();
        if (!queue.offer(new Pending(accountId, fields, rawXml, nonce, timestamp, receivedAt, done))) {
            done.completeExceptionally(new IllegalStateException("inbox queue full"));
        }
        return done;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Inbox writer failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            writeBatch(batch);
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                LOG.log(Level.WARNING, "Storing a callback failed; WeChat will retry", e);
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            // one bad push must not fail the others: store them one by one, so only the bad one fails
            LOG.log(Level.WARNING, "Storing " + batch.size() + " callbacks in one batch failed; storing them one by one", e);
            for (Pending p : batch) {
                try {
                    writeBatch(List.of(p));
                } catch (SQLException | RuntimeException single) {
                    LOG.log(Level.WARNING, "Storing a callback failed; WeChat will retry", single);
                    p.done().completeExceptionally(single);
                }
            }
        }
    }

    /** One transaction: remembers the pushes' nonces, inserts the new ones, completes every future after commit. */
    private void writeBatch(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Stored> results = insert(c, batch);
                c.commit();
                List<Stored> fresh = new ArrayList<>();
                for (Stored stored : results) {
                    if (stored.fresh()) {
                        fresh.add(stored);
                    }
                    stored.pending().done().complete(stored);
                }
                if (!fresh.isEmpty()) {
                    onStored.accept(fresh);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String nonceKey(Pending p) {
        return p.accountId() + "|" + p.nonce() + "|" + p.timestamp();
    }

    private List<Stored> insert(Connection c, List<Pending> batch) throws SQLException {
        List<Stored> results = new ArrayList<>();
        // replays: a (nonce, timestamp) already accepted, in this batch or before (on any node), is acknowledged but
        // not stored; in PLAIN mode the body is not signed, so a second body under the same signature is not trusted
        Map<String, Pending> byNonce = new HashMap<>();
        for (Pending p : batch) {
            byNonce.putIfAbsent(nonceKey(p), p);
        }
        java.util.Set<String> accepted = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("insert into wechat.callback_nonce (account_id, nonce, ts) "
                + "select * from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as bigint[])) "
                + "on conflict do nothing returning account_id, nonce, ts")) {
            List<Pending> first = new ArrayList<>(byNonce.values());
            ps.setArray(1, c.createArrayOf("text", first.stream().map(p -> p.accountId().toString()).toArray()));
            ps.setArray(2, c.createArrayOf("text", first.stream().map(Pending::nonce).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", first.stream().map(Pending::timestamp).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accepted.add(rs.getObject(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
                }
            }
        }
        // the same push twice in one batch: keep the first, the later ones are retries
        Map<String, Pending> unique = new HashMap<>();
        List<Pending> rows = new ArrayList<>();
        for (Pending p : batch) {
            if (!accepted.contains(nonceKey(p)) || byNonce.get(nonceKey(p)) != p) {
                continue;
            }
            String key = p.accountId() + "|" + InboundParser.dedupeKey(p.fields());
            if (unique.putIfAbsent(key, p) == null) {
                rows.add(p);
            }
        }
        Map<String, Long> inserted = new HashMap<>();
        if (!rows.isEmpty()) {
            StringBuilder sql = new StringBuilder("insert into wechat.callback_inbox "
                    + "(account_id, dedupe_key, msg_type, event, from_openid, create_time, fields, raw_xml, received_at) values ");
            for (int i = 0; i < rows.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?::json,?,?)"); // json, not jsonb: keeps document order
            }
            sql.append(" on conflict (account_id, dedupe_key) do nothing returning id, account_id, dedupe_key");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (Pending p : rows) {
                    Map<String, Object> f = p.fields();
                    ps.setObject(i++, p.accountId());
                    ps.setString(i++, InboundParser.dedupeKey(f));
                    ps.setString(i++, InboundParser.text(f, "MsgType"));
                    ps.setString(i++, emptyToNull(InboundParser.text(f, "Event")));
                    ps.setString(i++, emptyToNull(InboundParser.text(f, "FromUserName")));
                    String createTime = InboundParser.text(f, "CreateTime");
                    ps.setObject(i++, digits(createTime, 18) ? Long.valueOf(createTime) : null);
                    ps.setString(i++, json(f));
                    ps.setString(i++, p.rawXml().replace("\u0000", ""));
                    ps.setObject(i++, OffsetDateTime.ofInstant(p.receivedAt(), ZoneOffset.UTC)); // Fanmail's clock, not the database's
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.put(rs.getObject(2) + "|" + rs.getString(3), rs.getLong(1));
                    }
                }
            }
        }
        Map<String, Long> existing = rows.size() == inserted.size() ? Map.of() : existingIds(c, rows, inserted);
        for (Pending p : batch) {
            String key = p.accountId() + "|" + InboundParser.dedupeKey(p.fields());
            Long id = inserted.get(key);
            boolean isFresh = id != null && unique.get(key) == p;
            results.add(new Stored(id != null ? id : existing.getOrDefault(key, -1L), isFresh, p));
        }
        return results;
    }

    private static Map<String, Long> existingIds(Connection c, List<Pending> rows, Map<String, Long> inserted) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id from wechat.callback_inbox where account_id = ? and dedupe_key = ?")) {
            for (Pending p : rows) {
                String dedupe = InboundParser.dedupeKey(p.fields());
                String key = p.accountId() + "|" + dedupe;
                if (!inserted.containsKey(key)) {
                    ps.setObject(1, p.accountId());
                    ps.setString(2, dedupe);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            ids.put(key, rs.getLong(1));
                        }
                    }
                }
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    static String json(Map<String, Object> fields) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = JsonFactories.writer(out)) {
            w.writeObject(toJson(fields).build());
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static JsonObjectBuilder toJson(Map<String, Object> fields) {
        JsonObjectBuilder b = JsonFactories.object();
        fields.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                b.add(k, toJson((Map<String, Object>) m));
            } else {
                b.add(k, String.valueOf(v).replace("\u0000", ""));
            }
        });
        return b;
    }

    /** What {@code \d{1,max}} matches (ASCII digits), without compiling a regex per push. */
    static boolean digits(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
