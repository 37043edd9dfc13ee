package app.fanmail.audiences.infrastructure;

import app.fanmail.audiences.application.FanSyncAnnouncements;
import app.fanmail.audiences.application.FanSyncProgressRelay;
import app.fanmail.kernel.cluster.ClusterChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Fan sync announcements as NOTIFYs on the kernel's cluster channel, through the module's own EntityManager. */
@ApplicationScoped
public class FanSyncAnnouncer implements FanSyncAnnouncements {
    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    @Transactional
    public void announce(long runId) {
        ClusterChannel.announce(em, FanSyncProgressRelay.TOPIC, Long.toString(runId));
    }
}
