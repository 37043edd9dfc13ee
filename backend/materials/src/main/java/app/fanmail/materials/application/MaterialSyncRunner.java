package app.fanmail.materials.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.MaterialRepository.StoredFile;
import app.fanmail.materials.domain.MediaFormat;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Syncs an account's library with WeChat on the materials executor: lists images, voice and video
 * ({@code batchget_material}, 20 a call) and upserts each page in one statement; then removes what WeChat no longer
 * lists (rows created before the run started only, so uploads meanwhile stay); then downloads once each material
 * Fanmail holds no copy of (a video is only a link on WeChat: its link is kept). One run per account at a time; a run
 * whose server stopped is failed after {@link #STALE} without heartbeat, and a new one may start.
 */
@ApplicationScoped
@ManagedScheduledExecutorDefinition(name = MaterialSyncRunner.EXECUTOR, maxAsync = 3, hungTaskThreshold = 900_000)
public class MaterialSyncRunner {
    static final String EXECUTOR = "java:app/concurrent/FanmailMaterialsExecutor";
    static final Duration STALE = Duration.ofMinutes(2);
    static final int PAGE = 20;
    private static final Logger LOG = Logger.getLogger(MaterialSyncRunner.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedScheduledExecutorService executor;
    @Inject
    MaterialRepository store;
    @Inject
    MaterialGateway gateway;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    /**
     * Starts a sync.
     *
     * @throws UserErrorsException NOT_FOUND (account), SYNC_RUNNING (one runs already)
     */
    public StoredSync start(UUID accountId, String user) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        Instant now = clock.instant();
        StoredSync sync = store.startSync(accountId, user, now, now.minus(STALE))
                .orElseThrow(() -> new UserErrorsException("SYNC_RUNNING", "accountId", "A sync of this library runs already."));
        try {
            executor.execute(() -> run(sync));
        } catch (RejectedExecutionException e) {
            store.finishSync(sync.id(), StoredSync.Status.FAILED, "SERVER_BUSY", "The server could not start the sync.", clock.instant());
            throw new UserErrorsException("SERVER_BUSY", null, "The server could not start the sync; try again.");
        }
        return sync;
    }

    public java.util.Optional<StoredSync> latest(UUID accountId) {
        return store.latestSync(accountId);
    }

    void run(StoredSync sync) {
        UUID accountId = sync.accountId();
        try {
            for (MaterialKind kind : List.of(MaterialKind.IMAGE, MaterialKind.VOICE, MaterialKind.VIDEO)) {
                int offset = 0;
                while (true) {
                    MaterialGateway.Page page = gateway.list(accountId, kind, offset, PAGE);
                    store.upsertListed(sync.id(), accountId, kind, page.items(), clock.instant());
                    store.heartbeat(sync.id(), clock.instant());
                    offset += page.items().size();
                    if (page.items().isEmpty() || offset >= page.total()) {
                        break;
                    }
                }
            }
            store.removeUnlisted(sync.id(), accountId);
            downloadCopies(sync.id(), accountId);
            store.finishSync(sync.id(), StoredSync.Status.SUCCEEDED, null, null, clock.instant());
        } catch (MaterialGateway.Refused e) {
            LOG.log(Level.INFO, "Material sync " + sync.id() + " failed: " + e.getMessage());
            store.finishSync(sync.id(), StoredSync.Status.FAILED, e.code(), e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Material sync " + sync.id() + " failed", e);
            store.finishSync(sync.id(), StoredSync.Status.FAILED, "INTERNAL", "The sync stopped on an unexpected error.", clock.instant());
        }
    }

    private void downloadCopies(UUID syncId, UUID accountId) {
        while (true) {
            List<StoredMaterial> pending = store.pendingPreviews(accountId, PAGE);
            if (pending.isEmpty()) {
                return;
            }
            for (StoredMaterial m : pending) {
                copy(syncId, m);
            }
            store.heartbeat(syncId, clock.instant());
        }
    }

    /** Downloads one material's file once and stores it with an image's preview; a failure about this material only marks it. */
    void copy(UUID syncId, StoredMaterial m) {
        MaterialGateway.Download d;
        try {
            d = gateway.download(m.accountId(), m.mediaId());
        } catch (MaterialGateway.Refused e) {
            if (e.retryable()) {
                throw e;
            }
            store.noCopy(syncId, m.id(), null, e.getMessage());
            return;
        }
        if (d instanceof MaterialGateway.Download.Link link) {
            store.noCopy(syncId, m.id(), link.url(), "WeChat gives a link to the video, not the file.");
        } else if (d instanceof MaterialGateway.Download.File file) {
            {
                byte[] bytes = file.bytes();
                MediaFormat format = MediaFormat.sniff(bytes).orElse(null);
                String type = format == null ? "application/octet-stream" : format.contentType();
                StoredFile original = new StoredFile(type, Digests.sha256(bytes), bytes);
                if (m.kind() == MaterialKind.IMAGE || m.kind() == MaterialKind.THUMB) {
                    java.util.Optional<ImagePreviews.Preview> preview;
                    try {
                        preview = ImagePreviews.of(bytes);
                    } catch (app.fanmail.materials.domain.MaterialRejected e) {
                        store.noCopy(syncId, m.id(), null, e.getMessage());
                        return;
                    }
                    if (preview.isEmpty()) {
                        store.noCopy(syncId, m.id(), null, "The downloaded file is not an image Fanmail can show.");
                        return;
                    }
                    var p = preview.get();
                    store.storeCopy(syncId, m.id(), type, bytes.length, null, p.width(), p.height(), original,
                            new StoredFile("image/jpeg", Digests.sha256(p.jpeg()), p.jpeg()));
                } else {
                    Long duration = null;
                    if (m.kind() == MaterialKind.VOICE && format != null) {
                        try {
                            duration = app.fanmail.materials.domain.MaterialRules.inspect(MaterialKind.VOICE, bytes).durationMillis();
                        } catch (RuntimeException e) {
                            duration = null; // WeChat holds voice formats Fanmail does not measure (wma, wav)
                        }
                    }
                    store.storeCopy(syncId, m.id(), type, bytes.length, duration, null, null, original, null);
                }
            }
        }
    }
}
