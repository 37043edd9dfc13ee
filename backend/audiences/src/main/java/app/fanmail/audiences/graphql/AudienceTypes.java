package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.application.StoredSegment;
import app.fanmail.audiences.application.StoredUpload;
import app.fanmail.audiences.application.UploadProblemLine;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of uploads, segments and audience counts. */
public final class AudienceTypes {
    private AudienceTypes() {
    }

    @Description("Where an upload is: its lines are being read, it can be used, or it could not be read.")
    public enum UploadStatus {
        @Description("Its lines are being read.") PROCESSING,
        @Description("Read; usable as an audience.") READY,
        @Description("Could not be read (see errorCode); it has no lines.") FAILED
    }

    @Description("Why a line of an upload is left out.")
    public enum UploadProblemCode {
        @Description("Not an openid: 20 to 64 letters, digits, '-' or '_' expected.") INVALID_OPENID,
        @Description("Not a fan of the account when uploaded.") UNKNOWN_OPENID,
        @Description("The openid appears on an earlier line.") DUPLICATE,
        @Description("The line is empty.") EMPTY_LINE,
        @Description("More values than the header names (or than 50).") TOO_MANY_COLUMNS
    }

    @Type("Upload")
    @Description("An uploaded openid list (CSV or plain text) with its other columns kept per line.")
    public record Upload(
            @NonNull @Id @Description("The upload's id.") String id,
            @NonNull @Description("The name given when uploading.") String name,
            @NonNull @Description("PROCESSING while lines are read, then READY or FAILED.") UploadStatus status,
            @NonNull @Description("The columns, in file order: the header's names, or openid, column2, … without a header.") List<@NonNull String> columns,
            @NonNull @Description("The column that holds the openids.") String openidColumn,
            @NonNull @Description("Lines read (the header not counted).") int totalLines,
            @NonNull @Description("Lines with an openid of a fan of the account, first occurrence.") int valid,
            @NonNull @Description("Lines that are not usable: not an openid, empty, or too many columns.") int invalid,
            @NonNull @Description("Lines whose openid is not a fan of the account (when uploaded).") int unknown,
            @NonNull @Description("Lines repeating an openid of an earlier line.") int duplicates,
            @NonNull @Description("Size of the uploaded file in bytes.") String bytes,
            @Description("Why the upload FAILED (UPLOAD_TOO_LARGE, LINE_TOO_LONG, TOO_MANY_COLUMNS, UPLOAD_INTERRUPTED); null otherwise.") String errorCode,
            @Description("What went wrong, in English; null unless FAILED.") String errorMessage,
            @NonNull @Description("When it was uploaded.") Instant createdAt,
            @Description("Who uploaded it.") String createdBy) {
        public static Upload of(StoredUpload u) {
            List<String> columns = u.columns();
            return new Upload(u.id().toString(), u.name(), UploadStatus.valueOf(u.status().name()), columns,
                    u.openidColumn() < columns.size() ? columns.get(u.openidColumn()) : "openid", u.totalLines(), u.valid(), u.invalid(),
                    u.unknown(), u.duplicates(), Long.toString(u.bytes()), u.errorCode(), u.errorMessage(), u.createdAt(), u.createdBy());
        }
    }

    @Type("UploadEdge")
    @Description("An upload in a page of uploads.")
    public record UploadEdge(
            @NonNull @Description("Pass as `after` to continue after this upload.") String cursor,
            @NonNull @Description("The upload.") Upload node) {
    }

    @Type("UploadConnection")
    @Description("A page of an account's uploads, newest first.")
    public record UploadConnection(
            @NonNull @Description("The uploads of this page.") List<@NonNull UploadEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Type("UploadProblem")
    @Description("A line of an upload that is left out, and why.")
    public record UploadProblem(
            @NonNull @Description("The line's number in the file (1 = first line, the header included).") int line,
            @Description("The openid as written on the line (at most 64 characters); null when there was none.") String openid,
            @NonNull @Description("What is wrong.") UploadProblemCode code,
            @NonNull @Description("What is wrong, in English.") String message) {
        public static UploadProblem of(UploadProblemLine p) {
            return new UploadProblem(p.line(), p.openid(), UploadProblemCode.valueOf(p.code().name()), p.code().message());
        }
    }

    @Type("UploadProblemEdge")
    @Description("A problem line in a page of them.")
    public record UploadProblemEdge(
            @NonNull @Description("Pass as `after` to continue after this line.") String cursor,
            @NonNull @Description("The problem line.") UploadProblem node) {
    }

    @Type("UploadProblemConnection")
    @Description("A page of an upload's problem lines, in line order.")
    public record UploadProblemConnection(
            @NonNull @Description("The problem lines of this page.") List<@NonNull UploadProblemEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Input("UploadDeleteInput")
    @Description("Deletes an upload and its lines.")
    public record UploadDeleteInput(@NonNull @Id @Description("The upload.") String id) {
    }

    @Type("UploadDeletePayload")
    @Description("Result of uploadDelete.")
    public record UploadDeletePayload(
            @Id @Description("Id of the deleted upload; null when refused.") String deletedUploadId,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("FanFilter")
    @Description("Which fans of an account, as FanFilterInput takes it; absent parts are no condition.")
    public record FanFilterView(
            @Description("An openid prefix, or text contained in the remark.") String search,
            @NonNull @Description("WeChat tag ids, matched as tagMatch says.") List<@NonNull Integer> tagIds,
            @NonNull @Description("How the tags match: ANY, ALL or NONE of them.") FanFilterInput.FanTagMatch tagMatch,
            @Description("true: followers now; false: fans who unfollowed; null: both.") Boolean subscribed,
            @Description("Last interaction at or after this instant.") Instant interactedAfter,
            @Description("Last interaction before this instant.") Instant interactedBefore,
            @Description("OPEN: a customer-service window with messages left now; CLOSED: none.") FanFilterInput.FanWindowState window) {
        public static FanFilterView of(FanFilter f) {
            return new FanFilterView(f.search(), f.tagIds(), FanFilterInput.FanTagMatch.valueOf(f.tagMatch().name()), f.subscribed(),
                    f.interactedAfter(), f.interactedBefore(), f.window() == null ? null : FanFilterInput.FanWindowState.valueOf(f.window().name()));
        }
    }

    @Type("Segment")
    @Description("A saved fan filter of an account, usable as an audience.")
    public record Segment(
            @NonNull @Id @Description("The segment's id.") String id,
            @NonNull @Description("Its name, unique in the account.") String name,
            @NonNull @Description("Which fans it is.") FanFilterView filter,
            @NonNull @Description("When it was created.") Instant createdAt,
            @NonNull @Description("When it was last changed.") Instant updatedAt) {
        public static Segment of(StoredSegment s) {
            return new Segment(s.id().toString(), s.name(), FanFilterView.of(s.filter()), s.createdAt(), s.updatedAt());
        }
    }

    @Input("SegmentCreateInput")
    @Description("Saves a fan filter under a name.")
    public record SegmentCreateInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The name, unique in the account, at most 100 characters.") String name,
            @Description("Which fans; null or empty means every fan.") FanFilterInput filter) {
    }

    @Input("SegmentUpdateInput")
    @Description("Renames a segment or changes its filter; a null part stays as it is.")
    public record SegmentUpdateInput(
            @NonNull @Id @Description("The segment.") String id,
            @Description("The new name.") String name,
            @Description("The new filter.") FanFilterInput filter) {
    }

    @Input("SegmentDeleteInput")
    @Description("Deletes a segment (snapshots taken from it stay).")
    public record SegmentDeleteInput(@NonNull @Id @Description("The segment.") String id) {
    }

    @Type("SegmentCreatePayload")
    @Description("Result of segmentCreate.")
    public record SegmentCreatePayload(
            @Description("The new segment; null when refused.") Segment segment,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("SegmentUpdatePayload")
    @Description("Result of segmentUpdate.")
    public record SegmentUpdatePayload(
            @Description("The segment as changed; null when refused.") Segment segment,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("SegmentDeletePayload")
    @Description("Result of segmentDelete.")
    public record SegmentDeletePayload(
            @Id @Description("Id of the deleted segment; null when refused.") String deletedSegmentId,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Description("Who an audience is.")
    public enum AudienceKind {
        @Description("Every fan of the account.") ALL,
        @Description("Fans with the tags tagIds, as tagMatch says.") TAGS,
        @Description("The openids of the upload uploadId, in its order, with its columns.") UPLOAD,
        @Description("The fans the segment segmentId's filter matches.") SEGMENT
    }

    @Description("How an audience's tags match: fans with ANY (at least one) or ALL of them.")
    public enum AudienceTagMatch {
        @Description("At least one of the tags.") ANY,
        @Description("Every one of the tags.") ALL
    }

    @Description("What a send is; it decides who can be reached.")
    public enum AudiencePurpose {
        @Description("Template messages: every follower can be reached.") TEMPLATE,
        @Description("Customer-service messages: only followers with an open window with messages left.") CUSTOMER_SERVICE,
        @Description("Mass (broadcast) messages: every follower can be reached.") MASS
    }

    @Description("Why a selected openid is not reached; each has one reason, the first that applies in this order.")
    public enum AudienceExclusionReason {
        @Description("The openid repeats an earlier line of the upload.") DUPLICATE,
        @Description("The openid is not a fan of the account.") UNKNOWN_OPENID,
        @Description("The fan unfollowed the account.") UNSUBSCRIBED,
        @Description("Customer-service sends only: the fan has no open window with messages left.") WINDOW_CLOSED
    }

    @Input("AudienceSelectorInput")
    @Description("Who an audience is: every fan, fans with tags, an uploaded list or a saved segment.")
    public record AudienceSelectorInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("Which kind of audience; the matching field below says which one.") AudienceKind kind,
            @Description("TAGS: WeChat tag ids.") List<Integer> tagIds,
            @Description("TAGS: ANY (default) or ALL of the tags.") AudienceTagMatch tagMatch,
            @Id @Description("UPLOAD: the upload.") String uploadId,
            @Id @Description("SEGMENT: the segment.") String segmentId) {
    }

    @Type("AudienceExclusion")
    @Description("How many selected openids are not reached for one reason.")
    public record AudienceExclusion(
            @NonNull @Description("The reason.") AudienceExclusionReason reason,
            @NonNull @Description("How many.") int count) {
    }

    @Type("AudienceCount")
    @Description("An audience's size now: total = reachable + the excluded counts.")
    public record AudienceCount(
            @NonNull @Description("Openids selected.") int total,
            @NonNull @Description("Of them, those a send can reach.") int reachable,
            @NonNull @Description("The others by reason (every reason that can apply to this audience and purpose, 0 included).")
            List<@NonNull AudienceExclusion> excluded) {
        public static AudienceCount of(app.fanmail.audiences.api.AudienceCount c, List<ExclusionReason> reasons) {
            return new AudienceCount(Math.toIntExact(c.total()), Math.toIntExact(c.reachable()), reasons.stream()
                    .map(r -> new AudienceExclusion(AudienceExclusionReason.valueOf(r.name()), Math.toIntExact(c.excluded(r)))).toList());
        }
    }
}
