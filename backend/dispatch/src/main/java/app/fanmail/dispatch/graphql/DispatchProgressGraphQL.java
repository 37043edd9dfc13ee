package app.fanmail.dispatch.graphql;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.application.JobProgress;
import app.fanmail.dispatch.application.ProgressHub;
import app.fanmail.dispatch.application.ProgressSource;
import app.fanmail.dispatch.application.ProgressWatches;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/**
 * Live dispatch progress, computed from stored state so subscribers on any node see every node's work, and coalesced:
 * one reader per node per watched job whatever the number of subscribers (see ProgressWatches). Viewers read.
 */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.VIEWER)
public class DispatchProgressGraphQL {
    @Inject
    Dispatch dispatch;
    @Inject
    ProgressHub hub;
    @Inject
    ProgressSource source;
    @Inject
    Clock clock;

    @Query("dispatchProgressNow")
    @Description("The job's progress read once now (ratePerSecond 0 and etaSeconds null: follow dispatchProgress for those); null when there is no such job.")
    public DispatchProgress dispatchProgressNow(@NonNull @Id @Name("jobId") @Description("The job.") String jobId) {
        return Ids.parse(jobId).flatMap(source::read).map(r -> DispatchProgress.of(r.jobId(), r.state(), r.counts(), r.total(), 0, null, clock.instant()))
                .orElse(null);
    }

    @Subscription("dispatchProgress")
    @NonNull
    @Description("The job's progress: the first item at once, then whenever its state or counts change (at most about 4 a second) and at "
            + "least once a second until it ends; after a COMPLETED, CANCELLED or FAILED item the subscription completes (delivery reports "
            + "that refine counts later show in dispatchJob). A job that does not exist is an error (NOT_FOUND).")
    public Multi<DispatchProgress> dispatchProgress(@NonNull @Id @Name("jobId") @Description("The job.") String jobId) {
        UUID id = Ids.require(jobId, "jobId", "dispatch job");
        if (dispatch.job(id).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "jobId", "No dispatch job " + jobId + ".");
        }
        return Multi.createFrom().<JobProgress>emitter(emitter -> {
            ProgressWatches.Handle handle = hub.watch(id, new ProgressWatches.Listener() {
                @Override
                public void item(JobProgress progress) {
                    emitter.emit(progress);
                }

                @Override
                public void ended() {
                    emitter.complete();
                }
            });
            emitter.onTermination(handle::cancel);
        }, BackPressureStrategy.LATEST).emitOn(hub.delivery()).map(DispatchProgress::of);
    }

    @Subscription("dispatchJobsChanged")
    @NonNull
    @Description("The account's jobs (every account's when accountId is null) as they change: each state change of a job, and at most once "
            + "a second the state and counts of each unfinished (QUEUED, SENDING, PAUSED) job whose counts changed. Load the list first; this "
            + "sends changes only.")
    public Multi<DispatchJobChange> dispatchJobsChanged(@Id @Name("accountId") @Description("The account; null for all.") String accountId) {
        UUID account = accountId == null ? null : Ids.require(accountId, "accountId", "account");
        return Multi.createFrom().<JobProgress>emitter(emitter -> {
            Runnable cancel = hub.jobChanges(account, emitter::emit);
            emitter.onTermination(cancel);
        }, BackPressureStrategy.BUFFER).emitOn(hub.delivery()).map(DispatchJobChange::of);
    }

    @Enum("DispatchJobState")
    @Description("Where a job is.")
    public enum DispatchJobStateValue {
        @Description("Being written.")
        DRAFT,
        @Description("Recipients fixed, nothing sent.")
        PLANNED,
        @Description("Confirmed, waiting for a worker.")
        QUEUED,
        @Description("Being sent.")
        SENDING,
        @Description("Paused by an operator, or until the daily quota resets.")
        PAUSED,
        @Description("Every recipient is in a final send state.")
        COMPLETED,
        @Description("Cancelled: recipients not yet sent were skipped.")
        CANCELLED,
        @Description("The job could not go on (see its failure).")
        FAILED;

        static DispatchJobStateValue of(JobState s) {
            return valueOf(s.name());
        }
    }

    @Type("DispatchCounts")
    @Description("A job's recipients by state, from stored state.")
    public record DispatchCounts(
            @Description("Waiting to be sent (including retries waiting for their back-off).") int queued,
            @Description("Claimed and on their way to WeChat.") int sending,
            @Description("Accepted by WeChat, no delivery report yet.") int sent,
            @Description("Delivered (delivery report success).") int delivered,
            @Description("Not delivered: the fan blocked the account (delivery report).") int userBlocked,
            @Description("Not delivered: WeChat's system failed (delivery report).") int systemFailed,
            @Description("Refused by WeChat for good (errcode kept).") int failed,
            @Description("Never sent (reason kept: cancelled, missing value…).") int skipped,
            @Description("May or may not have been sent; never resent automatically.") int inDoubt,
            @Description("Recipients in a final send state (everything but queued and sending).") int done,
            @Description("All recipients of the job.") int total) {

        public static DispatchCounts of(Map<RecipientState, Long> c, int total) {
            return new DispatchCounts(n(c, RecipientState.QUEUED), n(c, RecipientState.SENDING), n(c, RecipientState.SENT),
                    n(c, RecipientState.DELIVERED), n(c, RecipientState.USER_BLOCKED), n(c, RecipientState.SYSTEM_FAILED),
                    n(c, RecipientState.FAILED), n(c, RecipientState.SKIPPED), n(c, RecipientState.IN_DOUBT),
                    c.entrySet().stream().filter(e -> e.getKey().sendFinal()).mapToInt(e -> (int) (long) e.getValue()).sum(), total);
        }

        private static int n(Map<RecipientState, Long> c, RecipientState s) {
            return (int) (long) c.getOrDefault(s, 0L);
        }
    }

    @Type("DispatchProgress")
    @Description("A job's progress as stored (every node's work), with the rate measured by this node.")
    public record DispatchProgress(
            @NonNull @Id @Description("The job.") String jobId,
            @NonNull @Description("The job's state.") DispatchJobStateValue state,
            @NonNull @Description("Recipients by state.") DispatchCounts counts,
            @Description("Recipients done per second over the last few seconds (0 when not measured yet or ended).") double ratePerSecond,
            @Description("Seconds until every recipient is done at that rate; null unless SENDING with a measured rate.") Integer etaSeconds,
            @NonNull @Description("When it was read.") Instant at) {

        static DispatchProgress of(JobProgress p) {
            return of(p.jobId(), p.state(), p.counts(), p.total(), p.ratePerSecond(), p.etaSeconds(), p.at());
        }

        static DispatchProgress of(UUID jobId, JobState state, Map<RecipientState, Long> counts, int total, double rate, Integer eta, Instant at) {
            return new DispatchProgress(jobId.toString(), DispatchJobStateValue.of(state), DispatchCounts.of(counts, total),
                    Math.round(rate * 10) / 10.0, eta, at);
        }
    }

    @Type("DispatchJobChange")
    @Description("A job of the live jobs list changed: its state or its counts.")
    public record DispatchJobChange(
            @NonNull @Id @Description("The job.") String jobId,
            @NonNull @Id @Description("Its account.") String accountId,
            @NonNull @Description("The job's state.") DispatchJobStateValue state,
            @NonNull @Description("Recipients by state.") DispatchCounts counts,
            @NonNull @Description("When it was read.") Instant at) {

        static DispatchJobChange of(JobProgress p) {
            return new DispatchJobChange(p.jobId().toString(), p.accountId().toString(), DispatchJobStateValue.of(p.state()),
                    DispatchCounts.of(p.counts(), p.total()), p.at());
        }
    }
}
