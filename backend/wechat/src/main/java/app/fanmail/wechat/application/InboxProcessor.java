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
import app.fanmail.kernel.queue.Backoff;
import app.fanmail.kernel.queue.QueueTable;
import app.fanmail.kernel.queue.WorkQueue;
import app.fanmail.wechat.api.InboundEvent;
import app.fanmail.wechat.domain.InboundParser;
import app.fanmail.wechat.domain.WindowRules;
import jakarta.annotation.PostConstruct;
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
 * right after they are stored; a sweep claims any row a crash or a failure left unprocessed from the inbox's
 * kernel {@link WorkQueue} (lease, attempts, exponential back-off). A row that keeps failing is dead-lettered after
 * a few attempts instead of blocking or being retried forever. Delivery reports get their position for
 * {@link DeliveryReportService} in the same transaction.
 */
@ApplicationScoped
public class InboxProcessor {
    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    /** What the events console shows of one stored push (module-internal). */
    public record CallbackRecorded(long id, UUID accountId, String msgType, String event, String openid, Instant createdAt,
                                   Instant receivedAt, Instant processedAt, Map<String, Object> fields, String rawXml, InboundEvent parsed) {
    }

    @PersistenceContext(unitName = "wechat")
    EntityManager em;
    @Inject
    InboxStore writer;
    @Inject
    Event<InboundEvent> inbound;
    @Inject
    Event<CallbackRecorded> recorded;
    @Inject
    Clock clock;
    @Inject
    InboxProcessor self;
    /** Fanmail's own executors: never WildFly's default one, which is small and shared. */
    @Resource(lookup = app.fanmail.kernel.concurrent.FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;
    @Resource(lookup = CallbackRetention.SCHEDULER)
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
    @Inject
    @ConfigProperty(name = "fanmail.wechat.inbox.retry-backoff", defaultValue = "PT5S")
    Duration retryBackoff;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.inbox.retry-backoff-max", defaultValue = "PT10M")
    Duration retryBackoffMax;

    /** Inbox rows that arrived in the last 10 s belong to the fast path; the sweep takes them after that. */
    static final Duration FAST_PATH_GRACE = Duration.ofSeconds(10);
    static final Duration LEASE = Duration.ofMinutes(1);
    private static final int BATCH = 200;

    private ScheduledFuture<?> sweep;
    private WorkQueue queue;

    @PostConstruct
    void createQueue() {
        queue = new WorkQueue(new QueueTable("wechat.callback_inbox", "id", "processed_at", "attempts", "lease_until", "not_before",
                "dead_lettered_at", "last_error", "received_at", FAST_PATH_GRACE),
                new Backoff(retryBackoff, retryBackoffMax.compareTo(retryBackoff) < 0 ? retryBackoff : retryBackoffMax, Math.max(1, maxAttempts)),
                LEASE);
    }

    /** The inbox as a kernel work queue. */
    WorkQueue queue() {
        return queue;
    }

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

    private void handOver(List<InboxStore.Stored> stored) {
        List<Row> rows = new ArrayList<>();
        for (InboxStore.Stored s : stored) {
            rows.add(new Row(s.id(), s.pending().accountId(), s.pending().fields(), s.pending().rawXml(), s.pending().receivedAt()));
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
     * Claims rows left unprocessed for over 10 s whose back-off has passed, 200 at a time, and publishes them; a batch
     * that fails is retried row by row, and a row that fails counts an attempt and backs off
     * ({@code fanmail.wechat.inbox.retry-backoff}, doubling up to {@code …retry-backoff-max}). After
     * {@code fanmail.wechat.inbox.max-attempts} failed attempts (default 5) the row is dead-lettered: kept with its
     * error for admins, no longer retried. Rows another node claimed are skipped until its lease runs out.
     */
    public void sweepAll() {
        while (true) {
            List<Long> ids = self.claim(BATCH);
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
            if (ids.size() < BATCH) {
                return;
            }
        }
    }

    /** Claims up to {@code limit} ready rows for this node (a lease, committed at once). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> claim(int limit) {
        return queue().claim(em, limit, clock.instant());
    }

    /** One failed attempt at publishing a row: back-off, or a dead letter after the last allowed one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(long id, String reason) {
        queue().fail(em, id, reason, clock.instant());
    }

    /** Publishes these rows if still unprocessed and not dead-lettered (skipping rows another worker holds). */
    @Transactional
    public int publishIds(List<Long> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select id, account_id, cast(fields as text), raw_xml, received_at "
                        + "from wechat.callback_inbox where id = any(?1)" + queue().lockClause())
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

    /**
     * The fast path: publishes freshly stored rows from memory in one transaction (windows, processed marks, report
     * positions; observers run after commit), skipping any a sweep holds or already published.
     */
    @Transactional
    public void publish(List<Row> rows) {
        @SuppressWarnings("unchecked")
        List<Number> free = em.createNativeQuery("select id from wechat.callback_inbox where id = any(?1)" + queue().lockClause())
                .setParameter(1, rows.stream().map(Row::id).toArray(Long[]::new)).getResultList();
        java.util.Set<Long> mine = new java.util.HashSet<>();
        free.forEach(n -> mine.add(n.longValue()));
        publishRows(rows.stream().filter(r -> mine.contains(r.id())).toList());
    }

    private void publishRows(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        WindowRules rules = rules();
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        List<Long> reports = new ArrayList<>();
        // one upsert for the whole batch; the latest opening per (account, fan, kind) wins
        Map<String, Opened> openings = new LinkedHashMap<>();
        for (Row row : rows) {
            InboundEvent event = InboundParser.parse(row.accountId(), row.id(), row.fields());
            rules.openedBy(event, row.receivedAt() == null ? now : row.receivedAt()).ifPresent(opening -> openings.merge(
                    row.accountId() + "|" + event.openid() + "|" + opening.kind(), new Opened(row.accountId(), event.openid(), row.id(), opening),
                    (a, b) -> b.opening().openedAt().isBefore(a.opening().openedAt()) ? a : b));
            ids.add(row.id());
            if (event instanceof InboundEvent.TemplateDeliveryReported || event instanceof InboundEvent.MassSendFinished) {
                reports.add(row.id());
            }
            inbound.fire(event);
            recorded.fire(new CallbackRecorded(row.id(), row.accountId(), InboundParser.text(row.fields(), "MsgType"),
                    InboundParser.text(row.fields(), "Event"), event.openid(), event.createdAt(), row.receivedAt(), now, row.fields(),
                    row.rawXml(), event));
        }
        if (!openings.isEmpty()) {
            ServiceWindowService.open(em, List.copyOf(openings.values()));
        }
        queue().complete(em, ids, now);
        if (!reports.isEmpty()) {
            DeliveryReportService.position(em, reports); // last: holds the positions lock only until this commit
        }
    }

    /** A window a push opens, with the push it came from. */
    record Opened(UUID accountId, String openid, long inboxId, WindowRules.Opening opening) {
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
