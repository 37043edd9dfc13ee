package app.fanmail.audiences.application;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.kernel.cluster.ClusterChange;
import app.fanmail.kernel.concurrent.FanmailExecutors;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Fan sync progress on every node. Each {@link FanSyncProgressed} (already coalesced by the runner: a few a second per
 * run, plus every phase and status change) is announced on the kernel's cluster channel, in the transaction that fired
 * it (a start or a cancel) or in one of its own (the runner's, after its step committed). Every node turns the
 * announcements into {@link FanSyncRelayed} events of the run's stored state, so a subscriber sees a run's progress
 * whichever node works on it. The listener's thread only hands over: the run is read on the background executor, one
 * reader per run (so its progress stays in order), and announcements that arrive while it reads are coalesced into
 * its next read.
 */
@ApplicationScoped
public class FanSyncProgressRelay {
    /** The topic of fan sync progress on the kernel's cluster channel; the key is the run id. */
    public static final String TOPIC = "fan-sync";
    private static final Logger LOG = Logger.getLogger(FanSyncProgressRelay.class.getName());

    @Resource(lookup = FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;
    @Inject
    FanSyncAnnouncements announcements;
    @Inject
    FanSyncStore store;
    @Inject
    Event<FanSyncRelayed> relayed;

    /** Runs announced since their last read. */
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    /** Runs being read: one reader per run, so its progress is published in order. */
    private final Set<Long> reading = ConcurrentHashMap.newKeySet();

    /** A run changed on this node: tell every node (this one included) once the change is committed. */
    void progressed(@Observes FanSyncProgressed event) {
        try {
            announcements.announce(event.run().id());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not announce the progress of fan sync run " + event.run().id(), e);
        }
    }

    void changed(@Observes ClusterChange change) {
        if (!TOPIC.equals(change.topic())) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(change.key());
        } catch (NumberFormatException e) {
            return;
        }
        dirty.add(id);
        startReading(id);
    }

    private void startReading(long id) {
        if (reading.add(id)) {
            try {
                executor.execute(() -> drain(id));
            } catch (RuntimeException e) {
                reading.remove(id);
                LOG.log(Level.FINE, "Could not relay fan sync progress", e);
            }
        }
    }

    private void drain(long id) {
        try {
            while (dirty.remove(id)) {
                store.find(id).ifPresent(run -> relayed.fire(new FanSyncRelayed(run)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not relay the progress of fan sync run " + id, e);
        } finally {
            reading.remove(id);
            if (dirty.contains(id)) {
                startReading(id); // announced after the loop's last check
            }
        }
    }
}
