package app.fanmail.dispatch.application;

import java.time.Duration;
import java.util.UUID;

/**
 * What dispatch tells the operator's metrics (implemented over Micrometer in infrastructure; {@link #NONE} elsewhere).
 * Every call returns at once and never throws.
 */
public interface DispatchMetrics {
    /** A send left for WeChat (in flight until {@link #sendFinished}). */
    void sendStarted(UUID accountId);

    /**
     * A send's outcome: {@code SENT}, or the failure's class ({@code NOT_SENT}, {@code MAY_HAVE_BEEN_SENT}, {@code THROTTLED},
     * {@code DAILY_QUOTA}, {@code RECIPIENT_FINAL}, {@code JOB_FINAL}…) with WeChat's errcode (null when none).
     */
    void sendFinished(UUID accountId, String outcome, Integer errcode);

    /** A delivery report arrived this long after its recipient was written SENT. */
    void reportLag(Duration lag);

    /** What is left of the account's daily template quota, as last read: after each plan's quota read, 0 when WeChat said it is used up. */
    void quotaRemaining(UUID accountId, long remaining);

    /** QUEUED recipients of unfinished jobs, as last read. */
    void queueDepth(long queued);

    /** Progress: jobs watched and reads made on this node, for the gauges. */
    void progress(ProgressWatches watches);

    DispatchMetrics NONE = new DispatchMetrics() {
        @Override
        public void sendStarted(UUID accountId) {
        }

        @Override
        public void sendFinished(UUID accountId, String outcome, Integer errcode) {
        }

        @Override
        public void reportLag(Duration lag) {
        }

        @Override
        public void quotaRemaining(UUID accountId, long remaining) {
        }

        @Override
        public void queueDepth(long queued) {
        }

        @Override
        public void progress(ProgressWatches watches) {
        }
    };
}
