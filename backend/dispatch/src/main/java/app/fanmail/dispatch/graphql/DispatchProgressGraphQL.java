package app.fanmail.dispatch.graphql;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.application.JobProgress;
import app.fanmail.dispatch.application.ProgressHub;
import app.fanmail.dispatch.application.ProgressSource;
import app.fanmail.dispatch.application.ProgressWatches;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
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
    @Description("The account's jobs (every account's when accountId is null) as they change, each item the whole job as stored then (its "
            + "counts as read with it): each state change of a job, and at most once a second each unfinished (QUEUED, SENDING, PAUSED) job "
            + "whose counts changed. Load the list first; this sends changes only (a job not listed yet is most likely new).")
    public Multi<DispatchTypes.DispatchJob> dispatchJobsChanged(@Id @Name("accountId") @Description("The account; null for all.") String accountId) {
        UUID account = accountId == null ? null : Ids.require(accountId, "accountId", "account");
        // each item's fields (counts, content…) are resolved on the delivery thread, as the subscriber
        Viewer subscriber = CurrentViewer.require();
        Executor delivery = hub.delivery();
        Executor asSubscriber = task -> delivery.execute(() -> {
            try (CurrentViewer.Scope ignored = CurrentViewer.bind(subscriber)) {
                task.run();
            }
        });
        return Multi.createFrom().<JobProgress>emitter(emitter -> {
            Runnable cancel = hub.jobChanges(account, emitter::emit);
            emitter.onTermination(cancel);
        }, BackPressureStrategy.BUFFER).emitOn(asSubscriber)
                .map(p -> DispatchTypes.DispatchJob.of(p.job().job(), p.job().title(), null, p.counts()));
    }

    @Type("DispatchProgress")
    @Description("A job's progress as stored (every node's work), with the rate measured by this node.")
    public record DispatchProgress(
            @NonNull @Id @Description("The job.") String jobId,
            @NonNull @Description("The job's state.") DispatchTypes.DispatchJobState state,
            @NonNull @Description("Recipients by state.") DispatchTypes.DispatchCounts counts,
            @Description("Recipients done per second over the last few seconds (0 when not measured yet or ended).") double ratePerSecond,
            @Description("Seconds until every recipient is done at that rate; null unless SENDING with a measured rate.") Integer etaSeconds,
            @NonNull @Description("When it was read.") Instant at) {

        static DispatchProgress of(JobProgress p) {
            return of(p.jobId(), p.state(), p.counts(), p.total(), p.ratePerSecond(), p.etaSeconds(), p.at());
        }

        static DispatchProgress of(UUID jobId, JobState state, Map<RecipientState, Long> counts, int total, double rate, Integer eta, Instant at) {
            return new DispatchProgress(jobId.toString(), DispatchTypes.DispatchJobState.valueOf(state.name()), DispatchTypes.DispatchCounts.of(counts),
                    Math.round(rate * 10) / 10.0, eta, at);
        }
    }
}
