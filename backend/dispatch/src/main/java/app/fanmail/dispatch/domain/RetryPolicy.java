package app.fanmail.dispatch.domain;

import java.time.Duration;
import java.time.Instant;

import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.kernel.queue.Backoff;

/**
 * What to do after a failed attempt, by the failure's class:
 * <ul>
 * <li>NOT_SENT → retry after the back-off; after the last allowed attempt the recipient FAILED.</li>
 * <li>MAY_HAVE_BEEN_SENT → retry after the back-off with the same key (the sender refuses a resend past WeChat's
 * window with IN_DOUBT); after the last allowed attempt IN_DOUBT, never FAILED: it may have arrived.</li>
 * <li>THROTTLED → retry after {@code throttled} (slow down; not counted against the attempts).</li>
 * <li>DAILY_QUOTA → the job pauses until the next quota day; the recipient waits, its attempt not counted.</li>
 * <li>IN_DOUBT → IN_DOUBT. RECIPIENT_FINAL → FAILED. JOB_FINAL → the job FAILED.</li>
 * </ul>
 */
public record RetryPolicy(Backoff backoff, Duration throttled) {
    /** The decision; {@code attempts} counts this attempt (1 = the first). */
    public sealed interface Decision {
    }

    /** Try again at {@code notBefore}; {@code counted} whether this attempt counts against the allowed attempts. */
    public record Retry(Instant notBefore, boolean counted) implements Decision {
    }

    /** The recipient is done: FAILED or IN_DOUBT. */
    public record Final(RecipientState state) implements Decision {
    }

    /** The recipient waits (attempt not counted) and its job pauses until {@code until}. */
    public record PauseJob(Instant until) implements Decision {
    }

    /** The job fails; the recipient waits (the job will not send it). */
    public record FailJob() implements Decision {
    }

    public Decision decide(SendFailure failure, int attempts, Instant now) {
        return switch (failure.failureClass()) {
            case NOT_SENT -> backoff.exhausted(attempts) ? new Final(RecipientState.FAILED) : new Retry(now.plus(backoff.after(attempts)), true);
            case MAY_HAVE_BEEN_SENT -> backoff.exhausted(attempts) ? new Final(RecipientState.IN_DOUBT) : new Retry(now.plus(backoff.after(attempts)), true);
            case THROTTLED -> new Retry(now.plus(throttled), false);
            case DAILY_QUOTA -> new PauseJob(QuotaDay.nextReset(now));
            case IN_DOUBT -> new Final(RecipientState.IN_DOUBT);
            case RECIPIENT_FINAL -> new Final(RecipientState.FAILED);
            case JOB_FINAL -> new FailJob();
        };
    }
}
