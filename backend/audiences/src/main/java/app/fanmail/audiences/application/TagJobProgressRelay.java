package app.fanmail.audiences.application;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.cluster.ClusterChange;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Turns the cluster channel's tag-job announcements into {@link TagJobProgressed} events on every node, so a
 * subscriber sees a job's progress whichever node runs it. The listener's thread only hands over: the job is read on
 * the tagging executor, one reader per job (so its progress stays in order), and announcements that arrive while
 * it reads are coalesced into its next read.
 */
@ApplicationScoped
public class TagJobProgressRelay {
    /** The topic of tag-job progress on the kernel's cluster channel; the key is the job id. */
    public static final String TOPIC = "tag-job";
    private static final Logger LOG = Logger.getLogger(TagJobProgressRelay.class.getName());

    @Resource(lookup = TagJobRunner.EXECUTOR)
    ManagedScheduledExecutorService executor;
    @Inject
    TagJobRepository jobs;
    @Inject
    Event<TagJobProgressed> progress;

    /** Jobs announced since their last read. */
    private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();
    /** Jobs being read: one reader per job, so its progress is published in order. */
    private final Set<UUID> reading = ConcurrentHashMap.newKeySet();

    void changed(@Observes ClusterChange change) {
        if (!TOPIC.equals(change.topic())) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(change.key());
        } catch (IllegalArgumentException e) {
            return;
        }
        dirty.add(id);
        startReading(id);
    }

    private void startReading(UUID id) {
        if (reading.add(id)) {
            try {
                executor.execute(() -> drain(id));
            } catch (RuntimeException e) {
                reading.remove(id);
                LOG.log(Level.FINE, "Could not relay tag job progress", e);
            }
        }
    }

    private void drain(UUID id) {
        try {
            while (dirty.remove(id)) {
                jobs.find(id).ifPresent(job -> progress.fire(new TagJobProgressed(job)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not relay the progress of tag job " + id, e);
        } finally {
            reading.remove(id);
            if (dirty.contains(id)) {
                startReading(id); // announced after the loop's last check
            }
        }
    }
}
