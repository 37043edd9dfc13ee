package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;

import app.fanmail.audiences.application.FanSyncRelayed;
import app.fanmail.audiences.application.FanSyncRun;
import app.fanmail.audiences.application.FanSyncService;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/** Fan syncs: the full list of followers with their tags, and details enrichment. Viewers read, operators start and cancel. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.VIEWER)
public class FanSyncGraphQL {
    @Inject
    FanSyncService syncs;
    @Inject
    FanSyncFeed feed;

    @Query("fanSyncs")
    @NonNull
    @Description("The latest sync of each kind for the account (none before the first).")
    public List<@NonNull FanSync> fanSyncs(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return syncs.latest(Ids.require(accountId, "accountId", "account")).stream().map(FanSync::of).toList();
    }

    @Mutation("fanSyncStart")
    @RequiresRole(Role.OPERATOR)
    @NonNull
    @Description("Starts a sync in the background and answers at once; follow it with fanSyncProgress. A full sync that failed in the "
            + "last day is resumed where it stopped.")
    public FanSyncStartPayload fanSyncStart(@NonNull @Name("input") @Description("The mutation's input.") FanSyncStartInput in) {
        UUID startedBy = CurrentViewer.get().map(Viewer::userId).orElse(null);
        return Mutations.attempt(() -> syncs.start(Ids.require(in.accountId(), "accountId", "account"),
                        in.kind() == null ? null : app.fanmail.audiences.domain.FanSyncKind.valueOf(in.kind().name()), startedBy),
                r -> new FanSyncStartPayload(FanSync.of(r), List.of()), e -> new FanSyncStartPayload(null, e));
    }

    @Mutation("fanSyncCancel")
    @RequiresRole(Role.OPERATOR)
    @NonNull
    @Description("Cancels a running sync; what it wrote stays, fans it did not reach keep their previous state.")
    public FanSyncCancelPayload fanSyncCancel(@NonNull @Name("input") @Description("The mutation's input.") FanSyncCancelInput in) {
        return Mutations.attempt(() -> syncs.cancel(syncId(in.syncId())),
                r -> new FanSyncCancelPayload(FanSync.of(r), List.of()), e -> new FanSyncCancelPayload(null, e));
    }

    @Subscription("fanSyncProgress")
    @NonNull
    @Description("The account's syncs as they start, progress (a few times a second at most), and end.")
    public Multi<FanSync> fanSyncProgress(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        UUID account = Ids.require(accountId, "accountId", "account");
        return feed.stream().filter(r -> r.accountId().equals(account)).map(FanSync::of);
    }

    private static long syncId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw new UserErrorsException("NOT_FOUND", "syncId", "No such sync.");
        }
    }

    @Enum("FanSyncKind")
    @Description("What a sync does.")
    public enum FanSyncKind {
        @Description("Every follower (user/get), the tags and who has them (user/tag/get); fans no longer listed become unsubscribed.")
        FOLLOWERS,
        @Description("Remark, language, subscription time, scene and tags of fans without details yet (user/info/batchget).")
        DETAILS
    }

    @Enum("FanSyncStatus")
    @Description("Where a sync stands.")
    public enum FanSyncStatus {
        @Description("In progress.")
        RUNNING,
        @Description("Finished.")
        SUCCEEDED,
        @Description("Stopped by an error (see errorCode); starting a full sync again resumes it.")
        FAILED,
        @Description("Cancelled by a user.")
        CANCELLED
    }

    @Type("FanSync")
    @Description("One sync run of an account's fans.")
    public record FanSync(
            @NonNull @Id @Description("The run.") String id,
            @NonNull @Description("What it does.") FanSyncKind kind,
            @NonNull @Description("Where it stands.") FanSyncStatus status,
            @NonNull @Description("The step it is in: FOLLOWERS, TAGS, MEMBERS or APPLY for a full sync; DETAILS for enrichment.") String phase,
            @Description("Fans done: listed (full sync) or enriched (details).") int done,
            @Description("Fans to do, as WeChat's total (full sync) or the fans without details at the start; null until known.") Integer total,
            @NonNull @Description("When it started.") Instant startedAt,
            @Description("When it ended; null while running.") Instant finishedAt,
            @Description("Why it failed, e.g. WECHAT_TRANSIENT, WECHAT_DAILY_QUOTA, WECHAT_PERMISSION; null otherwise.") String errorCode,
            @Description("What WeChat or Fanmail said when it failed.") String errorMessage) {

        private static int toInt(long n) {
            return (int) Math.min(Integer.MAX_VALUE, n);
        }

        static FanSync of(FanSyncRun r) {
            return new FanSync(Long.toString(r.id()), FanSyncKind.valueOf(r.kind().name()), FanSyncStatus.valueOf(r.status().name()),
                    r.phase().name(), toInt(r.done()), r.total() == null ? null : toInt(r.total()), r.startedAt(), r.finishedAt(), r.errorCode(), r.errorMessage());
        }
    }

    @Input("FanSyncStartInput")
    @Description("Starts a sync of an account's fans.")
    public record FanSyncStartInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("Which sync.") FanSyncKind kind) {
    }

    @Type("FanSyncStartPayload")
    @Description("Result of fanSyncStart.")
    public record FanSyncStartPayload(
            @Description("The run started or resumed; null when refused.") FanSync sync,
            @NonNull @Description("Why it was refused (NOT_FOUND, SYNC_ALREADY_RUNNING); empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("FanSyncCancelInput")
    @Description("Cancels a running sync.")
    public record FanSyncCancelInput(@NonNull @Id @Description("The run.") String syncId) {
    }

    @Type("FanSyncCancelPayload")
    @Description("Result of fanSyncCancel.")
    public record FanSyncCancelPayload(
            @Description("The cancelled run; null when refused.") FanSync sync,
            @NonNull @Description("Why it was refused (NOT_FOUND, SYNC_NOT_RUNNING); empty on success.") List<@NonNull UserError> userErrors) {
    }

    /** Committed run changes of any node (as relayed from the cluster channel), broadcast to this node's subscribers. */
    @ApplicationScoped
    public static class FanSyncFeed {
        private final Flow.Processor<FanSyncRun, FanSyncRun> processor = BroadcastProcessor.<FanSyncRun>create().serialized();

        Multi<FanSyncRun> stream() {
            return Multi.createFrom().publisher(processor);
        }

        void publish(@Observes FanSyncRelayed event) {
            processor.onNext(event.run());
        }
    }
}
