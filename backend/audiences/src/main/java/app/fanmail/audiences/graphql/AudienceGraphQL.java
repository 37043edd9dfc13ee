package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.application.SegmentService;
import app.fanmail.audiences.application.StoredUpload;
import app.fanmail.audiences.application.UploadProblemLine;
import app.fanmail.audiences.application.UploadService;
import app.fanmail.audiences.graphql.AudienceTypes.AudienceCount;
import app.fanmail.audiences.graphql.AudienceTypes.AudienceKind;
import app.fanmail.audiences.graphql.AudienceTypes.AudiencePurpose;
import app.fanmail.audiences.graphql.AudienceTypes.AudienceSelectorInput;
import app.fanmail.audiences.graphql.AudienceTypes.Segment;
import app.fanmail.audiences.graphql.AudienceTypes.SegmentCreateInput;
import app.fanmail.audiences.graphql.AudienceTypes.SegmentCreatePayload;
import app.fanmail.audiences.graphql.AudienceTypes.SegmentDeleteInput;
import app.fanmail.audiences.graphql.AudienceTypes.SegmentDeletePayload;
import app.fanmail.audiences.graphql.AudienceTypes.SegmentUpdateInput;
import app.fanmail.audiences.graphql.AudienceTypes.SegmentUpdatePayload;
import app.fanmail.audiences.graphql.AudienceTypes.Upload;
import app.fanmail.audiences.graphql.AudienceTypes.UploadConnection;
import app.fanmail.audiences.graphql.AudienceTypes.UploadDeleteInput;
import app.fanmail.audiences.graphql.AudienceTypes.UploadDeletePayload;
import app.fanmail.audiences.graphql.AudienceTypes.UploadEdge;
import app.fanmail.audiences.graphql.AudienceTypes.UploadProblem;
import app.fanmail.audiences.graphql.AudienceTypes.UploadProblemConnection;
import app.fanmail.audiences.graphql.AudienceTypes.UploadProblemEdge;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * Uploaded openid lists (uploaded over REST: POST /api/audiences/uploads), saved segments and audience counts: everyone
 * signed in reads, operators and admins change.
 */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class AudienceGraphQL {
    private static final String CURSOR_INVALID = "The cursor is not one this list produced.";

    @Inject
    UploadService uploads;
    @Inject
    SegmentService segments;
    @Inject
    Audiences audiences;

    @Query("uploads")
    @NonNull
    @Description("An account's uploaded openid lists, newest first.")
    @RequiresRole(Role.VIEWER)
    public UploadConnection uploads(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–100.") Integer first,
            @Name("after") @Description("Cursor of the last upload of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, 100);
        var key = Cursor.decode(after, 2);
        Instant afterAt = null;
        UUID afterId = null;
        if (key.isPresent()) {
            try {
                afterAt = Instant.parse(key.get().get(0));
            } catch (java.time.format.DateTimeParseException e) {
                throw new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID);
            }
            afterId = Ids.parse(key.get().get(1)).orElseThrow(() -> new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID));
        }
        List<StoredUpload> rows = uploads.page(Ids.require(accountId, "accountId", "account"), afterAt, afterId, size + 1);
        List<UploadEdge> edges = rows.stream().limit(size)
                .map(u -> new UploadEdge(Cursor.encode(u.createdAt().toString(), u.id().toString()), Upload.of(u))).toList();
        return new UploadConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Query("upload")
    @Description("One upload, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public Upload upload(@NonNull @Id @Name("id") @Description("The upload's id.") String id) {
        return Ids.parse(id).flatMap(uploads::find).map(Upload::of).orElse(null);
    }

    @NonNull
    @Description("The lines left out, in line order.")
    @RequiresRole(Role.VIEWER)
    public UploadProblemConnection problems(@Source Upload upload,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–500.") Integer first,
            @Name("after") @Description("Cursor of the last line of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, 500);
        int afterLine = Cursor.decode(after, 1).map(k -> {
            try {
                return Integer.parseInt(k.get(0));
            } catch (NumberFormatException e) {
                throw new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID);
            }
        }).orElse(0);
        List<UploadProblemLine> rows = uploads.problems(UUID.fromString(upload.id()), afterLine, size + 1);
        List<UploadProblemEdge> edges = new ArrayList<>();
        for (UploadProblemLine p : rows.subList(0, Math.min(size, rows.size()))) {
            edges.add(new UploadProblemEdge(Cursor.encode(Integer.toString(p.line())), UploadProblem.of(p)));
        }
        return new UploadProblemConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Mutation("uploadDelete")
    @NonNull
    @Description("Deletes an upload and its lines; snapshots already taken from it keep their copy.")
    public UploadDeletePayload uploadDelete(@NonNull @Name("input") @Description("The mutation's input.") UploadDeleteInput in) {
        return Mutations.attempt(() -> uploads.delete(Ids.require(in.id(), "id", "upload")).toString(),
                id -> new UploadDeletePayload(id, List.of()), e -> new UploadDeletePayload(null, e));
    }

    @Query("segments")
    @NonNull
    @Description("An account's saved segments by name.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull Segment> segments(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return segments.list(Ids.require(accountId, "accountId", "account")).stream().map(Segment::of).toList();
    }

    @Query("segment")
    @Description("One segment, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public Segment segment(@NonNull @Id @Name("id") @Description("The segment's id.") String id) {
        return Ids.parse(id).flatMap(segments::find).map(Segment::of).orElse(null);
    }

    @Mutation("segmentCreate")
    @NonNull
    @Description("Saves a fan filter as a segment; the name must be new in the account (NAME_TAKEN), the filter valid (INVALID_FILTER).")
    public SegmentCreatePayload segmentCreate(@NonNull @Name("input") @Description("The mutation's input.") SegmentCreateInput in) {
        return Mutations.attempt(() -> segments.create(Ids.require(in.accountId(), "accountId", "account"), in.name(),
                        in.filter() == null ? null : in.filter().toDomain()),
                s -> new SegmentCreatePayload(Segment.of(s), List.of()), e -> new SegmentCreatePayload(null, e));
    }

    @Mutation("segmentUpdate")
    @NonNull
    @Description("Renames a segment or changes its filter.")
    public SegmentUpdatePayload segmentUpdate(@NonNull @Name("input") @Description("The mutation's input.") SegmentUpdateInput in) {
        return Mutations.attempt(() -> segments.update(Ids.require(in.id(), "id", "segment"), in.name(),
                        in.filter() == null ? null : in.filter().toDomain()),
                s -> new SegmentUpdatePayload(Segment.of(s), List.of()), e -> new SegmentUpdatePayload(null, e));
    }

    @Mutation("segmentDelete")
    @NonNull
    @Description("Deletes a segment.")
    public SegmentDeletePayload segmentDelete(@NonNull @Name("input") @Description("The mutation's input.") SegmentDeleteInput in) {
        return Mutations.attempt(() -> segments.delete(Ids.require(in.id(), "id", "segment")).toString(),
                id -> new SegmentDeletePayload(id, List.of()), e -> new SegmentDeletePayload(null, e));
    }

    @Query("audienceCount")
    @NonNull
    @Description("How many openids an audience selects now and how many a send of this purpose reaches, the others by reason.")
    @RequiresRole(Role.VIEWER)
    public AudienceCount audienceCount(
            @NonNull @Name("input") @Description("Who the audience is.") AudienceSelectorInput in,
            @Name("purpose") @DefaultValue("TEMPLATE") @Description("What the send is (decides the reasons that apply).") AudiencePurpose purpose) {
        Purpose p = purpose == null ? Purpose.TEMPLATE : Purpose.valueOf(purpose.name());
        UUID accountId = Ids.require(in.accountId(), "accountId", "account");
        AudienceSelector selector = switchKind(in);
        List<ExclusionReason> reasons = new ArrayList<>();
        if (in.kind() == AudienceKind.UPLOAD) {
            reasons.add(ExclusionReason.DUPLICATE);
            reasons.add(ExclusionReason.UNKNOWN_OPENID);
        }
        reasons.add(ExclusionReason.UNSUBSCRIBED);
        if (p == Purpose.CUSTOMER_SERVICE) {
            reasons.add(ExclusionReason.WINDOW_CLOSED);
        }
        return AudienceCount.of(audiences.count(accountId, selector, p), reasons);
    }

    private static AudienceSelector switchKind(AudienceSelectorInput in) {
        return switch (in.kind()) {
            case ALL -> new AudienceSelector.All();
            case TAGS -> new AudienceSelector.Tags(in.tagIds(),
                    in.tagMatch() == null ? null : AudienceSelector.TagMatch.valueOf(in.tagMatch().name()));
            case UPLOAD -> new AudienceSelector.Upload(Ids.require(in.uploadId(), "uploadId", "upload"));
            case SEGMENT -> new AudienceSelector.Segment(Ids.require(in.segmentId(), "segmentId", "segment"));
        };
    }
}
