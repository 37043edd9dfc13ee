package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import app.fanmail.audiences.application.TagJobView;
import app.fanmail.audiences.application.TagService.TagWithCount;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;

/** GraphQL types of tags and bulk tag jobs. */
public final class TagTypes {
    private TagTypes() {
    }

    @Enum("TagAction")
    @Description("What a bulk job does to its fans.")
    public enum TagAction {
        @Description("Add the tag (batchtagging).") TAG,
        @Description("Remove the tag (batchuntagging).") UNTAG
    }

    @Enum("TagJobStatus")
    @Description("Where a bulk tag job stands.")
    public enum TagJobStatus {
        @Description("The job's fans (a filter's or an upload's) are being listed; total is 0 until it runs.") PREPARING,
        @Description("Chunks are still being sent to WeChat.") RUNNING,
        @Description("Every openid was tried; see failed and failures for the ones WeChat refused.") SUCCEEDED,
        @Description("WeChat refused the job as a whole (see errorCode), e.g. the tag was deleted.") FAILED,
        @Description("Stopped by an operator; what was done stays done.") CANCELLED
    }

    @Type("Tag")
    @Description("A WeChat tag of an account, as Fanmail last stored it from WeChat.")
    public record Tag(
            @NonNull @Description("WeChat's tag id (0, 1 and 2 are WeChat's own).") int id,
            @NonNull @Description("The tag's name (at most 30 bytes in UTF-8).") String name,
            @NonNull @Description("WeChat's member count when the tags were last loaded.") int wechatCount,
            @NonNull @Description("Followers Fanmail knows to carry the tag (from its fans' tag ids).") int fanCount,
            @NonNull @Description("True for WeChat's own tags (ids 0–2): they cannot be renamed or deleted.") boolean reserved) {
        static Tag of(TagWithCount t) {
            return new Tag(t.tag().id(), t.tag().name(), Math.toIntExact(t.tag().wechatCount()), Math.toIntExact(t.fanCount()), t.reserved());
        }
    }

    @Type("TagJob")
    @Description("A bulk tag or untag job: progress and outcome; its failures list the openids WeChat refused.")
    public record TagJob(
            @NonNull @Id @Description("The job's id.") String id,
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The tag's WeChat id.") int tagId,
            @NonNull @Description("The tag's name when the job started.") String tagName,
            @NonNull @Description("TAG or UNTAG.") TagAction action,
            @NonNull @Description("Where the openids came from: OPENIDS, FILTER or UPLOAD.") String source,
            @NonNull @Description("PREPARING (its fans are being listed), RUNNING, SUCCEEDED, FAILED (the job as a whole; see errorCode) or CANCELLED.") TagJobStatus status,
            @NonNull @Description("Openids in the job.") int total,
            @NonNull @Description("Openids done so far (succeeded + failed).") int done,
            @NonNull @Description("Openids WeChat (un)tagged.") int succeeded,
            @NonNull @Description("Openids that failed (see failures).") int failed,
            @Description("WeChat's errcode when the job failed as a whole.") Integer errorCode,
            @Description("Why the job failed as a whole.") String errorMessage,
            @NonNull @Description("When it started.") Instant startedAt,
            @Description("When it ended; null while running.") Instant finishedAt) {
        static TagJob of(TagJobView j) {
            return new TagJob(j.id().toString(), j.accountId().toString(), j.tagId(), j.tagName(), TagAction.valueOf(j.action().name()), j.source(),
                    TagJobStatus.valueOf(j.status().name()), j.total(), j.done(), j.succeeded(), j.failed(), j.errorCode(), j.errorMessage(),
                    j.startedAt(), j.finishedAt());
        }
    }

    @Type("TagJobFailure")
    @Description("An openid a job could not (un)tag.")
    public record TagJobFailure(
            @NonNull @Description("The openid.") String openid,
            @Description("Its line in the upload (or position in the selection); null for filter jobs.") Integer line,
            @NonNull @Description("INVALID_OPENID, UNKNOWN_FAN, FAN_TAG_LIMIT (20 tags already), TAG_UNKNOWN or WECHAT_REFUSED.") String code,
            @Description("WeChat's errcode.") Integer errcode,
            @Description("What went wrong.") String message) {
        static TagJobFailure of(app.fanmail.audiences.application.TagJobFailure f) {
            return new TagJobFailure(f.openid(), f.line(), f.code(), f.errcode(), f.message());
        }
    }

    @Type("TagJobFailureEdge")
    @Description("A failure in a page of a job's failures.")
    public record TagJobFailureEdge(
            @NonNull @Description("Pass as `after` to continue after this failure.") String cursor,
            @NonNull @Description("The failure.") TagJobFailure node) {
    }

    @Type("TagJobFailureConnection")
    @Description("A page of a job's failures, in source order.")
    public record TagJobFailureConnection(
            @NonNull @Description("The failures of this page.") List<@NonNull TagJobFailureEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Type("TagJobEdge")
    @Description("A job in a page of jobs.")
    public record TagJobEdge(
            @NonNull @Description("Pass as `after` to continue after this job.") String cursor,
            @NonNull @Description("The job.") TagJob node) {
    }

    @Type("TagJobConnection")
    @Description("A page of an account's bulk tag jobs, newest first.")
    public record TagJobConnection(
            @NonNull @Description("The jobs of this page.") List<@NonNull TagJobEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Input("TagCreateInput")
    @Description("Creates a tag in WeChat and in Fanmail.")
    public record TagCreateInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The name: 1 to 30 bytes in UTF-8, unique in the account.") String name) {
    }

    @Type("TagCreatePayload")
    @Description("Result of tagCreate.")
    public record TagCreatePayload(
            @Description("The new tag; null when refused.") Tag tag,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TagRenameInput")
    @Description("Renames a tag in WeChat and in Fanmail.")
    public record TagRenameInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The tag's WeChat id.") int tagId,
            @NonNull @Description("The new name: 1 to 30 bytes in UTF-8, unique in the account.") String name) {
    }

    @Type("TagRenamePayload")
    @Description("Result of tagRename.")
    public record TagRenamePayload(
            @Description("The renamed tag; null when refused.") Tag tag,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TagDeleteInput")
    @Description("Deletes a tag in WeChat and in Fanmail (its fans lose it).")
    public record TagDeleteInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The tag's WeChat id.") int tagId) {
    }

    @Type("TagDeletePayload")
    @Description("Result of tagDelete.")
    public record TagDeletePayload(
            @Description("The deleted tag's id; null when refused.") Integer deletedTagId,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TagsRefreshInput")
    @Description("Reloads an account's tags from WeChat.")
    public record TagsRefreshInput(@NonNull @Id @Description("The account.") String accountId) {
    }

    @Type("TagsRefreshPayload")
    @Description("Result of tagsRefresh.")
    public record TagsRefreshPayload(
            @Description("The account's tags as WeChat lists them now; null when refused.") List<@NonNull Tag> tags,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TagJobStartInput")
    @Description("Tags or untags fans in bulk; give exactly one source: openids, filter or uploadId.")
    public record TagJobStartInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The tag's WeChat id.") int tagId,
            @NonNull @Description("TAG or UNTAG.") TagAction action,
            @Description("A selection of openids (at most 10,000; blanks and repeats are ignored).") List<String> openids,
            @Description("Every fan matching this filter.") FanFilterInput filter,
            @Id @Description("The valid lines of an uploaded openid list.") String uploadId) {
    }

    @Type("TagJobStartPayload")
    @Description("Result of tagJobStart.")
    public record TagJobStartPayload(
            @Description("The started job; null when refused.") TagJob job,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("TagJobCancelInput")
    @Description("Stops a running bulk tag job; what was done stays done.")
    public record TagJobCancelInput(@NonNull @Id @Description("The job.") String jobId) {
    }

    @Type("TagJobCancelPayload")
    @Description("Result of tagJobCancel.")
    public record TagJobCancelPayload(
            @Description("The cancelled job; null when refused.") TagJob job,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }
}
