package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import app.fanmail.audiences.application.TagJobProgressed;
import app.fanmail.audiences.application.TagJobService;
import app.fanmail.audiences.application.TagJobView;
import app.fanmail.audiences.application.TagService;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.graphql.TagTypes.Tag;
import app.fanmail.audiences.graphql.TagTypes.TagCreateInput;
import app.fanmail.audiences.graphql.TagTypes.TagCreatePayload;
import app.fanmail.audiences.graphql.TagTypes.TagDeleteInput;
import app.fanmail.audiences.graphql.TagTypes.TagDeletePayload;
import app.fanmail.audiences.graphql.TagTypes.TagJob;
import app.fanmail.audiences.graphql.TagTypes.TagJobCancelInput;
import app.fanmail.audiences.graphql.TagTypes.TagJobCancelPayload;
import app.fanmail.audiences.graphql.TagTypes.TagJobConnection;
import app.fanmail.audiences.graphql.TagTypes.TagJobEdge;
import app.fanmail.audiences.graphql.TagTypes.TagJobFailure;
import app.fanmail.audiences.graphql.TagTypes.TagJobFailureConnection;
import app.fanmail.audiences.graphql.TagTypes.TagJobFailureEdge;
import app.fanmail.audiences.graphql.TagTypes.TagJobStartInput;
import app.fanmail.audiences.graphql.TagTypes.TagJobStartPayload;
import app.fanmail.audiences.graphql.TagTypes.TagRenameInput;
import app.fanmail.audiences.graphql.TagTypes.TagRenamePayload;
import app.fanmail.audiences.graphql.TagTypes.TagsRefreshInput;
import app.fanmail.audiences.graphql.TagTypes.TagsRefreshPayload;
import app.fanmail.kernel.graphql.CallsWeChat;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
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

/** Tags and bulk tag jobs: everyone signed in reads, operators and admins change. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class TagGraphQL {
    @Inject
    TagService tags;
    @Inject
    TagJobService jobs;
    @Inject
    TagJobFeed feed;

    @Query("tags")
    @NonNull
    @Description("An account's tags as last loaded from WeChat, by id, with WeChat's and Fanmail's member counts.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull Tag> tags(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return tags.list(Ids.require(accountId, "accountId", "account")).stream().map(Tag::of).toList();
    }

    @Query("tagJob")
    @Description("A bulk tag job, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public TagJob tagJob(@NonNull @Id @Name("id") @Description("The job's id.") String id) {
        return Ids.parse(id).flatMap(jobs::find).map(TagJob::of).orElse(null);
    }

    @Query("tagJobs")
    @NonNull
    @Description("An account's bulk tag jobs, newest first.")
    @RequiresRole(Role.VIEWER)
    public TagJobConnection tagJobs(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("first") @DefaultValue("20") @Description("Page size, 1–100.") Integer first,
            @Name("after") @Description("Cursor of the last job of the previous page.") String after) {
        int size = Cursor.pageSize(first, 20, 100);
        var key = Cursor.decode(after, 2);
        Instant afterAt = key.map(k -> instant(k.get(0))).orElse(null);
        UUID afterId = key.map(k -> Ids.parse(k.get(1)).orElseThrow(TagGraphQL::badCursor)).orElse(null);
        List<TagJobView> page = jobs.page(Ids.require(accountId, "accountId", "account"), afterAt, afterId, size + 1);
        List<TagJobEdge> edges = page.stream().limit(size)
                .map(j -> new TagJobEdge(Cursor.encode(j.startedAt().toString(), j.id().toString()), TagJob.of(j))).toList();
        return new TagJobConnection(edges, new PageInfo(page.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Description("The openids the job could not (un)tag, in source order.")
    @NonNull
    @RequiresRole(Role.VIEWER)
    public TagJobFailureConnection failures(@Source TagJob job,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–500.") Integer first,
            @Name("after") @Description("Cursor of the last failure of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, 500);
        int afterSeq = Cursor.decode(after, 1).map(k -> {
            try {
                return Integer.parseInt(k.get(0));
            } catch (NumberFormatException e) {
                throw badCursor();
            }
        }).orElse(0);
        var page = jobs.failures(UUID.fromString(job.id()), afterSeq, size + 1);
        List<TagJobFailureEdge> edges = page.stream().limit(size)
                .map(f -> new TagJobFailureEdge(Cursor.encode(Integer.toString(f.seq())), TagJobFailure.of(f))).toList();
        return new TagJobFailureConnection(edges, new PageInfo(page.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Subscription("tagJobProgress")
    @NonNull
    @Description("The account's bulk tag jobs as they progress (started, chunks written, ended).")
    @RequiresRole(Role.VIEWER)
    public Multi<TagJob> tagJobProgress(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        UUID account = Ids.require(accountId, "accountId", "account");
        return feed.stream().filter(j -> j.accountId().equals(account)).map(TagJob::of);
    }

    @Mutation("tagCreate")
    @CallsWeChat
    @NonNull
    @Description("Creates a tag in WeChat and in Fanmail; refused before WeChat at 100 tags, for an empty, too long (30 bytes) or taken name.")
    public TagCreatePayload tagCreate(@NonNull @Name("input") @Description("The mutation's input.") TagCreateInput in) {
        return Mutations.attempt(() -> tags.create(Ids.require(in.accountId(), "accountId", "account"), in.name()),
                t -> new TagCreatePayload(Tag.of(t), List.of()), e -> new TagCreatePayload(null, e));
    }

    @Mutation("tagRename")
    @CallsWeChat
    @NonNull
    @Description("Renames a tag in WeChat and in Fanmail; WeChat's own tags (ids 0–2) cannot be renamed.")
    public TagRenamePayload tagRename(@NonNull @Name("input") @Description("The mutation's input.") TagRenameInput in) {
        return Mutations.attempt(() -> tags.rename(Ids.require(in.accountId(), "accountId", "account"), in.tagId(), in.name()),
                t -> new TagRenamePayload(Tag.of(t), List.of()), e -> new TagRenamePayload(null, e));
    }

    @Mutation("tagDelete")
    @CallsWeChat
    @NonNull
    @Description("Deletes a tag in WeChat and in Fanmail; WeChat's own tags and tags with more than 100,000 fans cannot be deleted.")
    public TagDeletePayload tagDelete(@NonNull @Name("input") @Description("The mutation's input.") TagDeleteInput in) {
        return Mutations.attempt(() -> tags.delete(Ids.require(in.accountId(), "accountId", "account"), in.tagId()),
                id -> new TagDeletePayload(id, List.of()), e -> new TagDeletePayload(null, e));
    }

    @Mutation("tagsRefresh")
    @CallsWeChat
    @NonNull
    @Description("Reloads the account's tags and their member counts from WeChat.")
    public TagsRefreshPayload tagsRefresh(@NonNull @Name("input") @Description("The mutation's input.") TagsRefreshInput in) {
        return Mutations.attempt(() -> tags.refresh(Ids.require(in.accountId(), "accountId", "account")),
                l -> new TagsRefreshPayload(l.stream().map(Tag::of).toList(), List.of()), e -> new TagsRefreshPayload(null, e));
    }

    @Mutation("tagJobStart")
    @NonNull
    @Description("Starts tagging or untagging fans in bulk (50 per WeChat call, several in flight); follow it with tagJobProgress.")
    public TagJobStartPayload tagJobStart(@NonNull @Name("input") @Description("The mutation's input.") TagJobStartInput in) {
        return Mutations.attempt(() -> {
            UUID account = Ids.require(in.accountId(), "accountId", "account");
            UUID upload = in.uploadId() == null ? null : Ids.require(in.uploadId(), "uploadId", "upload");
            return jobs.start(account, in.tagId(), in.action() == null ? null : TagAction.valueOf(in.action().name()),
                    new TagJobService.Source(in.openids(), in.filter() == null ? null : in.filter().toDomain(), upload),
                    CurrentViewer.get().map(Viewer::username).orElse(null));
        }, j -> new TagJobStartPayload(TagJob.of(j), List.of()), e -> new TagJobStartPayload(null, e));
    }

    @Mutation("tagJobCancel")
    @NonNull
    @Description("Stops a running bulk tag job; fans already (un)tagged stay so.")
    public TagJobCancelPayload tagJobCancel(@NonNull @Name("input") @Description("The mutation's input.") TagJobCancelInput in) {
        return Mutations.attempt(() -> jobs.cancel(Ids.require(in.jobId(), "jobId", "tag job"))
                        .orElseThrow(() -> new UserErrorsException("NOT_FOUND", "jobId", "No such tag job.")),
                j -> new TagJobCancelPayload(TagJob.of(j), List.of()), e -> new TagJobCancelPayload(null, e));
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw badCursor();
        }
    }

    private static UserErrorsException badCursor() {
        return new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.");
    }

    /** Job progress, broadcast to subscribers on this node. */
    @ApplicationScoped
    public static class TagJobFeed {
        private final Flow.Processor<TagJobView, TagJobView> processor = BroadcastProcessor.<TagJobView>create().serialized();

        Multi<TagJobView> stream() {
            return Multi.createFrom().publisher(processor);
        }

        void publish(@Observes TagJobProgressed progressed) {
            processor.onNext(progressed.job());
        }
    }
}
