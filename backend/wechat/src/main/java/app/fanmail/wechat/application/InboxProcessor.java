package app.fanmail.wechat.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.InboundEvent;
import app.fanmail.wechat.domain.InboundParser;
import app.fanmail.wechat.domain.WindowRules;
import app.fanmail.wechat.infrastructure.InboxWriter;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes stored pushes: parses each into its typed {@link InboundEvent}, records the
 * customer-service window it opens, marks the row processed and fires the events, all in one
 * transaction, so observers (AFTER_SUCCESS) see each push exactly once. Fresh pushes are handed over
 * right after they are stored; a sweep picks up any row a crash or a failure left unprocessed. A row that
 * keeps failing is dead-lettered after a few attempts instead of blocking or being retried forever.
 */
@ApplicationScoped
public class InboxProcessor {
    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    /** What the events console shows of one stored push (module-internal). */
    public record CallbackRecorded(long id, UUID accountId, String msgType, String event, String openid, Instant createdAt,
                                   Instant receivedAt, Map<String, Object> fields, String rawXml, InboundEvent parsed) {
    }

    @PersistenceContext(unitName = "wechat")
    EntityManager em;
    @Inject
    InboxWriter writer;
    @Inject
    Event<InboundEvent> inbound;
    @Inject
    Event<CallbackRecorded> recorded;
    @Inject
    Clock clock;
    @Inject
    InboxProcessor self;
    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "fanmail.wechat.window.message-quota", defaultValue = "5")
    int messageQuota;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.window.message-duration", defaultValue = "PT48H")
    Duration messageDuration;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.window.interaction-quota", defaultValue = "3")
    int interactionQuota;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.window.interaction-duration", defaultValue = "PT1M")
    Duration interactionDuration;

    @Inject
    @ConfigProperty(name = "fanmail.wechat.inbox.max-attempts", defaultValue = "5")
    int maxAttempts;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.inbox.sweep-interval", defaultValue = "PT30S")
    Duration sweepInterval;

    private ScheduledFuture<?> sweep;

    void start(@Observes @Priority(300) Startup startup) {
        writer.onStored(stored -> executor.execute(() -> handOver(stored)));
        long every = Math.max(100, sweepInterval.toMillis());
        sweep = scheduler.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    public WindowRules rules() {
        return new WindowRules(messageQuota, messageDuration, interactionQuota, interactionDuration);
    }

    private void handOver(List<InboxWriter.Stored> stored) {
        List<Row> rows = new ArrayList<>();
        Instant now = clock.instant();
        for (InboxWriter.Stored s : stored) {
            rows.add(new Row(s.id(), s.pending().accountId(), s.pending().fields(), s.pending().rawXml(), now));
        }
        try {
            self.publish(rows);
        } catch (RuntimeException e) {
            if (rows.size() == 1) {
                failed(rows.get(0).id(), e);
                return;
            }
            for (Row row : rows) { // only the bad push stays behind
                try {
                    self.publish(List.of(row));
                } catch (RuntimeException one) {
                    failed(row.id(), one);
                }
            }
        }
    }

    private void failed(long id, RuntimeException e) {
        String reason = reason(e);
        LOG.log(Level.WARNING, "Publishing inbox row " + id + " failed: " + reason);
        try {
            self.recordFailure(id, reason);
        } catch (RuntimeException again) {
            LOG.log(Level.WARNING, "Could not record the failure of inbox row " + id + "; the sweep retries", again);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private void sweepSafely() {
        try {
            sweepAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Inbox sweep failed", e);
        }
    }

    /**
     * Publishes every row left unprocessed for over 10 s, 200 at a time; a batch that fails is retried row by row,
     * and a row that fails counts an attempt. After {@code fanmail.wechat.inbox.max-attempts} failed attempts
     * (default 5) the row is dead-lettered: kept with its error for admins, no longer retried.
     */
    public void sweepAll() {
        long after = 0;
        while (true) {
            List<Long> ids = self.pendingIds(after, 200);
            if (ids.isEmpty()) {
                return;
            }
            try {
                self.publishIds(ids);
            } catch (RuntimeException e) {
                for (Long id : ids) {
                    try {
                        self.publishIds(List.of(id));
                    } catch (RuntimeException one) {
                        failed(id, one);
                    }
                }
            }
            after = ids.get(ids.size() - 1);
            if (ids.size() < 200) {
                return;
            }
        }
    }

    /** Ids of rows left unprocessed (and not dead-lettered) for over 10 s, after {@code afterId}. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Long> pendingIds(long afterId, int limit) {
        return ((List<Number>) em.createNativeQuery("select id from wechat.callback_inbox where processed_at is null "
                        + "and dead_lettered_at is null and received_at < now() - interval '10 seconds' and id > ?1 order by id limit " + limit)
                .setParameter(1, afterId).getResultList()).stream().map(Number::longValue).toList();
    }

    /** One failed attempt at publishing a row; the last allowed one dead-letters it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(long id, String reason) {
        em.createNativeQuery("update wechat.callback_inbox set attempts = attempts + 1, last_error = ?2, "
                        + "dead_lettered_at = case when attempts + 1 >= ?3 then cast(?4 as timestamptz) else null end where id = ?1 and processed_at is null")
                .setParameter(1, id).setParameter(2, reason).setParameter(3, maxAttempts).setParameter(4, clock.instant())
                .executeUpdate();
    }

    /** Publishes these rows if still unprocessed and not dead-lettered (skipping rows another node holds). */
    @Transactional
    public int publishIds(List<Long> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select id, account_id, cast(fields as text), raw_xml, received_at "
                        + "from wechat.callback_inbox where id = any(?1) and processed_at is null and dead_lettered_at is null "
                        + "order by id for update skip locked")
                .setParameter(1, ids.toArray(Long[]::new))
                .getResultList();
        List<Row> rows = new ArrayList<>();
        for (Object[] r : found) {
            rows.add(new Row(((Number) r[0]).longValue(), (UUID) r[1], fromJson((String) r[2]), (String) r[3],
                    Rows.instant(r[4])));
        }
        publishRows(rows);
        return rows.size();
    }

    /** One transaction: windows, processed marks, events (observers run after commit). */
    @Transactional
    public void publish(List<Row> rows) {
        publishRows(rows);
    }

    private void publishRows(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        WindowRules rules = rules();
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        // one upsert for the whole batch; the latest opening per (account, fan, kind) wins
        Map<String, Object[]> openings = new LinkedHashMap<>();
        for (Row row : rows) {
            InboundEvent event = InboundParser.parse(row.accountId(), row.id(), row.fields());
            rules.openedBy(event).ifPresent(opening -> openings.put(row.accountId() + "|" + event.openid() + "|" + opening.kind(),
                    new Object[] {row.accountId(), event.openid(), opening.kind().name(), opening.duration().toSeconds(), opening.quota()}));
            ids.add(row.id());
            inbound.fire(event);
            recorded.fire(new CallbackRecorded(row.id(), row.accountId(), InboundParser.text(row.fields(), "MsgType"),
                    InboundParser.text(row.fields(), "Event"), event.openid(), event.createdAt(), row.receivedAt(), row.fields(),
                    row.rawXml(), event));
        }
        if (!openings.isEmpty()) {
            List<Object[]> list = new ArrayList<>(openings.values());
            em.createNativeQuery("insert into wechat.service_window (account_id, openid, kind, opened_at, expires_at, quota, used) "
                            + "select a, o, k, cast(?4 as timestamptz), cast(?4 as timestamptz) + make_interval(secs => d), q, 0 from unnest(cast(?1 as uuid[]), cast(?2 as text[]), "
                            + "cast(?3 as text[]), cast(?5 as bigint[]), cast(?6 as int[])) as t(a, o, k, d, q) "
                            + "on conflict (account_id, openid, kind) do update set "
                            + "opened_at = excluded.opened_at, expires_at = excluded.expires_at, quota = excluded.quota, used = 0")
                    .setParameter(1, list.stream().map(o -> o[0].toString()).toArray(String[]::new))
                    .setParameter(2, list.stream().map(o -> (String) o[1]).toArray(String[]::new))
                    .setParameter(3, list.stream().map(o -> (String) o[2]).toArray(String[]::new))
                    .setParameter(4, now)
                    .setParameter(5, list.stream().map(o -> (Long) o[3]).toArray(Long[]::new))
                    .setParameter(6, list.stream().map(o -> (Integer) o[4]).toArray(Integer[]::new))
                    .executeUpdate();
        }
        em.createNativeQuery("update wechat.callback_inbox set processed_at = ?1, attempts = attempts + 1 where id = any(?2)")
                .setParameter(1, now).setParameter(2, ids.toArray(Long[]::new)).executeUpdate();
    }

    public record Row(long id, UUID accountId, Map<String, Object> fields, String rawXml, Instant receivedAt) {
    }

    static Map<String, Object> fromJson(String json) {
        try (var reader = JsonFactories.reader(json)) {
            return toMap(reader.readObject());
        }
    }

    private static Map<String, Object> toMap(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        o.forEach((k, v) -> m.put(k, v.getValueType() == JsonValue.ValueType.OBJECT ? toMap(v.asJsonObject())
                : v instanceof JsonString s ? s.getString() : v.toString()));
        return m;
    }
}
