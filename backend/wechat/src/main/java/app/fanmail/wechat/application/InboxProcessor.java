package app.fanmail.wechat.application;

import java.io.StringReader;
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
import jakarta.json.Json;
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
 * right after they are stored; a sweep picks up any row a crash left unprocessed.
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

    private ScheduledFuture<?> sweep;

    void start(@Observes @Priority(300) Startup startup) {
        writer.onStored(stored -> executor.execute(() -> handOver(stored)));
        sweep = scheduler.scheduleWithFixedDelay(this::sweepSafely, 30, 30, TimeUnit.SECONDS);
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
            LOG.log(Level.WARNING, "Publishing " + rows.size() + " push(es) failed; the sweep retries", e);
        }
    }

    private void sweepSafely() {
        try {
            int n;
            do {
                n = self.sweepOnce(200);
            } while (n == 200);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Inbox sweep failed", e);
        }
    }

    /** Publishes up to {@code limit} rows left unprocessed for over 10 s. Returns how many. */
    @Transactional
    public int sweepOnce(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select id, account_id, cast(fields as text), raw_xml, received_at "
                        + "from wechat.callback_inbox where processed_at is null and received_at < now() - interval '10 seconds' "
                        + "order by id limit " + limit + " for update skip locked")
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
        try (var reader = Json.createReader(new StringReader(json))) {
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
