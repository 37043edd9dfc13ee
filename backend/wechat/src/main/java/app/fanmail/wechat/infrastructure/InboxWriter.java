package app.fanmail.wechat.infrastructure;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import app.fanmail.wechat.domain.InboundParser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;

/**
 * Stores pushes in the inbox with group commit: request threads enqueue and wait; one writer thread
 * inserts whatever has queued up (up to 500 rows) in one multi-row INSERT … ON CONFLICT DO NOTHING
 * and one commit, then completes each request. A push is acknowledged to WeChat only after its row
 * is durable; a retried push finds its row and is not stored twice.
 */
@ApplicationScoped
public class InboxWriter {
    private static final Logger LOG = Logger.getLogger(InboxWriter.class.getName());
    private static final int MAX_BATCH = 500;

    /** A push to store. {@code fields} is the parsed XML. */
    public record Pending(UUID accountId, Map<String, Object> fields, String rawXml, CompletableFuture<Stored> done) {
    }

    /** The result: the inbox id, and whether this push was new (false for a retry WeChat already delivered). */
    public record Stored(long id, boolean fresh, Pending pending) {
    }

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

    /** Who processes freshly stored pushes (called on the writer thread, must hand off quickly). */
    public void onStored(Consumer<List<Stored>> listener) {
        this.onStored = listener;
    }

    /** Queues a push; the future completes once it is committed (or fails). */
    public CompletableFuture<Stored> store(UUID accountId, Map<String, Object> fields, String rawXml) {
        CompletableFuture<Stored> done = new CompletableFuture<>();
        if (!queue.offer(new Pending(accountId, fields, rawXml, done))) {
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
        // the same push twice in one batch: keep the first, the later ones are retries
        Map<String, Pending> unique = new HashMap<>();
        List<Pending> rows = new ArrayList<>();
        for (Pending p : batch) {
            String key = p.accountId() + "|" + InboundParser.dedupeKey(p.fields());
            if (unique.putIfAbsent(key, p) == null) {
                rows.add(p);
            }
        }
        StringBuilder sql = new StringBuilder("insert into wechat.callback_inbox "
                + "(account_id, dedupe_key, msg_type, event, from_openid, create_time, fields, raw_xml) values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?::json,?)"); // json, not jsonb: keeps document order
        }
        sql.append(" on conflict (account_id, dedupe_key) do nothing returning id, account_id, dedupe_key");
        Map<String, Long> inserted = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (Pending p : rows) {
                    Map<String, Object> f = p.fields();
                    ps.setObject(i++, p.accountId());
                    ps.setString(i++, InboundParser.dedupeKey(f));
                    ps.setString(i++, truncate(InboundParser.text(f, "MsgType"), 32));
                    ps.setString(i++, emptyToNull(truncate(InboundParser.text(f, "Event"), 64)));
                    ps.setString(i++, emptyToNull(truncate(InboundParser.text(f, "FromUserName"), 64)));
                    String createTime = InboundParser.text(f, "CreateTime");
                    ps.setObject(i++, createTime.matches("\\d{1,18}") ? Long.valueOf(createTime) : null);
                    ps.setString(i++, json(f));
                    ps.setString(i++, p.rawXml());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.put(rs.getObject(2) + "|" + rs.getString(3), rs.getLong(1));
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            for (Pending p : rows) {
                String key = p.accountId() + "|" + InboundParser.dedupeKey(p.fields());
                if (!inserted.containsKey(key)) {
                    missing.add(key);
                }
            }
            Map<String, Long> existing = missing.isEmpty() ? Map.of() : existingIds(c, rows, inserted);
            c.commit();
            List<Stored> fresh = new ArrayList<>();
            for (Pending p : batch) {
                String key = p.accountId() + "|" + InboundParser.dedupeKey(p.fields());
                Long id = inserted.get(key);
                boolean isFresh = id != null && unique.get(key) == p;
                Stored stored = new Stored(id != null ? id : existing.getOrDefault(key, -1L), isFresh, p);
                if (isFresh) {
                    fresh.add(stored);
                }
                p.done().complete(stored);
            }
            if (!fresh.isEmpty()) {
                onStored.accept(fresh);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Storing " + batch.size() + " callback(s) failed; WeChat will retry", e);
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
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
        try (JsonWriter w = Json.createWriter(out)) {
            w.writeObject(toJson(fields).build());
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static JsonObjectBuilder toJson(Map<String, Object> fields) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        fields.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                b.add(k, toJson((Map<String, Object>) m));
            } else {
                b.add(k, String.valueOf(v).replace("\u0000", ""));
            }
        });
        return b;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
