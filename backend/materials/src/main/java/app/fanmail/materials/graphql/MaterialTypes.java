package app.fanmail.materials.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.StoredMaterial;
import app.fanmail.materials.application.StoredSync;
import app.fanmail.materials.domain.MaterialRules;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL types of the materials library. */
public final class MaterialTypes {
    private MaterialTypes() {
    }

    @Name("MaterialKind")
    @Description("The kinds of permanent material.")
    public enum Kind {
        @Description("An image: jpg, png, gif or bmp, at most 10 MB; 5,000 per library.") IMAGE,
        @Description("A voice file: amr or mp3, at most 2 MB and 60 seconds; 1,000 per library.") VOICE,
        @Description("A video: mp4, at most 10 MB, with a title; 1,000 per library.") VIDEO,
        @Description("A thumbnail (cover of videos and music): jpg, at most 64 KB; 1,000 per library.") THUMB;

        public MaterialKind domain() {
            return MaterialKind.valueOf(name());
        }

        static Kind of(MaterialKind kind) {
            return Kind.valueOf(kind.name());
        }
    }

    @Description("Where a material comes from.")
    public enum MaterialOrigin {
        @Description("Uploaded through Fanmail.") UPLOADED,
        @Description("Found in the account's library on WeChat by a sync.") SYNCED
    }

    @Description("Whether Fanmail can show the material: it holds a copy, will download one, or cannot.")
    public enum MaterialPreviewState {
        @Description("Fanmail holds a copy: fileUrl (and previewUrl for images) work.") READY,
        @Description("Synced but not downloaded yet; the running sync downloads it.") PENDING,
        @Description("No copy: WeChat only links to videos (see videoLink), or refused the download (previewError).") UNAVAILABLE
    }

    @Description("The state of a library sync.")
    public enum MaterialSyncStatus {
        @Description("Listing and downloading.") RUNNING,
        @Description("Finished.") SUCCEEDED,
        @Description("Stopped by an error (errorCode).") FAILED
    }

    @Type("TemporaryMediaInfo")
    @Description("The last temporary media (3 days on WeChat) uploaded from a material for customer-service sends.")
    public record TemporaryMediaInfo(
            @NonNull @Description("WeChat's temporary media id.") String mediaId,
            @NonNull @Description("When it was uploaded.") Instant uploadedAt,
            @NonNull @Description("When WeChat forgets it; Fanmail uploads again before a send after that.") Instant expiresAt) {
    }

    @Type("Material")
    @Description("A permanent material of an account's library: an image, a voice file, a video or a thumbnail.")
    public record Material(
            @NonNull @Id @Description("Fanmail's id of the material.") String id,
            @NonNull @Id @Description("The account whose library holds it.") String accountId,
            @NonNull @Description("What it is.") Kind kind,
            @NonNull @Description("Its permanent media id on WeChat.") String mediaId,
            @NonNull @Description("Its name in the library.") String name,
            @Description("The image's URL on WeChat (usable inside articles, not embeddable elsewhere); null for other kinds.") String wechatUrl,
            @Description("A video's title; null for other kinds.") String videoTitle,
            @Description("A video's description.") String videoDescription,
            @Description("WeChat's link to a synced video Fanmail holds no copy of.") String videoLink,
            @Description("The file's type (image/png, audio/amr, video/mp4…) when Fanmail holds a copy.") String contentType,
            @Description("The file's size in bytes when known.") String byteSize,
            @Description("A voice file's duration in milliseconds when known.") Integer durationMillis,
            @Description("An image's width in pixels when known.") Integer width,
            @Description("An image's height in pixels when known.") Integer height,
            @NonNull @Description("Uploaded through Fanmail or synced from WeChat.") MaterialOrigin origin,
            @NonNull @Description("Whether Fanmail can show it.") MaterialPreviewState previewState,
            @Description("Why there is no copy, when UNAVAILABLE.") String previewError,
            @Description("Fanmail's copy of the file (same origin, signed-in users only); null without a copy.") String fileUrl,
            @Description("A small JPEG of an image or thumbnail; null for other kinds or without a copy.") String previewUrl,
            @Description("The last temporary media uploaded from it; null when none.") TemporaryMediaInfo temporary,
            @Description("When WeChat last changed it (synced materials).") Instant wechatUpdatedAt,
            @NonNull @Description("When Fanmail uploaded or first saw it.") Instant createdAt,
            @Description("Who uploaded it; null for synced materials.") String createdBy) {
        public static Material of(StoredMaterial m) {
            boolean ready = m.preview() == StoredMaterial.Preview.READY;
            boolean image = m.kind() == MaterialKind.IMAGE || m.kind() == MaterialKind.THUMB;
            String base = "/api/materials/" + m.id();
            return new Material(m.id().toString(), m.accountId().toString(), Kind.of(m.kind()), m.mediaId(), m.name(), m.wechatUrl(), m.videoTitle(),
                    m.videoDescription(), m.videoLink(), m.contentType(), m.byteSize() == null ? null : m.byteSize().toString(),
                    m.durationMillis() == null ? null : m.durationMillis().intValue(), m.width(), m.height(), MaterialOrigin.valueOf(m.origin().name()),
                    MaterialPreviewState.valueOf(m.preview().name()), m.previewError(), ready ? base + "/file" : null,
                    ready && image ? base + "/preview" : null,
                    m.temporary() == null ? null : new TemporaryMediaInfo(m.temporary().mediaId(), m.temporary().uploadedAt(), m.temporary().expiresAt()),
                    m.wechatUpdatedAt(), m.createdAt(), m.createdBy());
        }
    }

    @Type("MaterialEdge")
    @Description("A material in a page of materials.")
    public record MaterialEdge(
            @NonNull @Description("Pass as `after` to continue after this material.") String cursor,
            @NonNull @Description("The material.") Material node) {
    }

    @Type("MaterialConnection")
    @Description("A page of an account's materials of one kind, newest first.")
    public record MaterialConnection(
            @NonNull @Description("The materials of this page.") List<@NonNull MaterialEdge> edges,
            @NonNull @Description("Whether more follow.") PageInfo pageInfo,
            @NonNull @Description("How many materials match, over all pages.") int totalCount) {
    }

    @Type("MaterialKindCount")
    @Description("How many materials of a kind the library holds, and WeChat's cap.")
    public record MaterialKindCount(
            @NonNull @Description("The kind.") Kind kind,
            @NonNull @Description("Materials of the kind Fanmail knows (after the last sync).") int count,
            @NonNull @Description("WeChat's cap for the kind: 5,000 images, 1,000 of each other kind.") int cap,
            @NonNull @Description("The largest file WeChat takes for the kind, in bytes.") int maxBytes,
            @NonNull @Description("The formats WeChat takes for the kind (file extensions).") List<@NonNull String> formats) {
    }

    @Type("MaterialSync")
    @Description("A sync of the library with WeChat: list, remove what WeChat no longer has, download copies.")
    public record MaterialSync(
            @NonNull @Id @Description("The run's id.") String id,
            @NonNull @Description("Where it is.") MaterialSyncStatus status,
            @NonNull @Description("Materials listed by WeChat so far.") int listed,
            @NonNull @Description("Of those, new to Fanmail.") int added,
            @NonNull @Description("Materials removed because WeChat no longer lists them.") int removed,
            @NonNull @Description("Copies downloaded (or found unavailable) so far.") int downloaded,
            @Description("Why it FAILED: WECHAT_* or INTERRUPTED.") String errorCode,
            @Description("What went wrong, in English.") String errorMessage,
            @Description("Who started it.") String startedBy,
            @NonNull @Description("When it started.") Instant startedAt,
            @Description("When it ended.") Instant finishedAt) {
        public static MaterialSync of(StoredSync s) {
            return new MaterialSync(s.id().toString(), MaterialSyncStatus.valueOf(s.status().name()), s.listed(), s.added(), s.removed(),
                    s.downloaded(), s.errorCode(), s.errorMessage(), s.startedBy(), s.startedAt(), s.finishedAt());
        }
    }

    @Type("MaterialLibrary")
    @Description("An account's library at a glance: counts per kind against WeChat's caps, and the last sync.")
    public record MaterialLibrary(
            @NonNull @Description("Per kind: count, cap and file rules.") List<@NonNull MaterialKindCount> kinds,
            @Description("The last sync, null when none ran.") MaterialSync lastSync) {
    }

    @Input("MaterialDeleteInput")
    @Description("Deletes a material on WeChat and in Fanmail.")
    public record MaterialDeleteInput(@NonNull @Id @Description("The material.") String id) {
    }

    @Type("MaterialDeletePayload")
    @Description("Result of materialDelete.")
    public record MaterialDeletePayload(
            @Id @Description("Id of the deleted material; null when refused.") String deletedMaterialId,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Input("MaterialSyncStartInput")
    @Description("Starts a sync of an account's library with WeChat.")
    public record MaterialSyncStartInput(@NonNull @Id @Description("The account.") String accountId) {
    }

    @Type("MaterialSyncStartPayload")
    @Description("Result of materialSyncStart.")
    public record MaterialSyncStartPayload(
            @Description("The run started; null when refused.") MaterialSync sync,
            @NonNull @Description("Why it was refused (SYNC_RUNNING, NOT_FOUND); empty on success.") List<@NonNull UserError> userErrors) {
    }

    static MaterialKindCount count(MaterialKind kind, long count) {
        return new MaterialKindCount(Kind.of(kind), (int) count, MaterialRules.cap(kind), (int) MaterialRules.maxBytes(kind),
                MaterialRules.formats(kind).stream().map(f -> f.extension()).toList());
    }
}
