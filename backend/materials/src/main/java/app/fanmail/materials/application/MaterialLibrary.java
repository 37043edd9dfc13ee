package app.fanmail.materials.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.MaterialRepository.StoredFile;
import app.fanmail.materials.application.MaterialRepository.Variant;
import app.fanmail.materials.domain.MaterialRejected;
import app.fanmail.materials.domain.MaterialRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The library: uploads checked against WeChat's rules from the file's bytes, then added on WeChat (no transaction
 * open), then stored with Fanmail's copy and an image's preview in one short transaction; pages, counts and deletes.
 */
@ApplicationScoped
public class MaterialLibrary {
    private static final Logger LOG = Logger.getLogger(MaterialLibrary.class.getName());

    @Inject
    MaterialRepository store;
    @Inject
    MaterialGateway gateway;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    /** What an upload asks for. */
    public record UploadRequest(UUID accountId, MaterialKind kind, String name, String videoTitle, String videoDescription, byte[] bytes) {
    }

    /**
     * Checks, uploads to WeChat and stores a new permanent material.
     *
     * @throws UserErrorsException NOT_FOUND (account), NAME_REQUIRED, NAME_TOO_LONG, FILE_EMPTY, FILE_TOO_LARGE,
     *                             FORMAT_NOT_ALLOWED, FILE_BROKEN, VOICE_TOO_LONG, VIDEO_TITLE_*, LIBRARY_FULL before
     *                             anything is sent; WECHAT_* when WeChat refused or failed (nothing stored)
     */
    public StoredMaterial upload(UploadRequest r, String user) {
        try {
            if (r.accountId() == null || accounts.find(r.accountId()).isEmpty()) {
                throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
            }
            if (r.kind() == null) {
                throw new UserErrorsException("KIND_REQUIRED", "kind", "Say which kind of material this is: IMAGE, VOICE, VIDEO or THUMB.");
            }
            String name = MaterialRules.name(r.name());
            if (r.kind() == MaterialKind.VIDEO) {
                MaterialRules.requireVideoText(r.videoTitle(), r.videoDescription());
            }
            MaterialRules.Inspected file = MaterialRules.inspect(r.kind(), r.bytes());
            MaterialRules.requireRoom(r.kind(), store.counts(r.accountId()).get(r.kind()));
            Integer width = null;
            Integer height = null;
            StoredFile preview = null;
            if (r.kind() == MaterialKind.IMAGE || r.kind() == MaterialKind.THUMB) {
                ImagePreviews.Preview p = ImagePreviews.of(r.bytes())
                        .orElseThrow(() -> new MaterialRejected("FILE_BROKEN", "file", "The image cannot be decoded."));
                width = p.width();
                height = p.height();
                preview = new StoredFile("image/jpeg", Digests.sha256(p.jpeg()), p.jpeg());
            }
            String fileName = fileName(name, file.format().extension());
            MaterialGateway.Added added = wechat(() -> gateway.add(r.accountId(), r.kind(), fileName, file.format().contentType(), r.bytes(),
                    r.kind() == MaterialKind.VIDEO ? r.videoTitle().strip() : null,
                    r.kind() == MaterialKind.VIDEO ? (r.videoDescription() == null ? "" : r.videoDescription().strip()) : null));
            Instant now = clock.instant();
            StoredMaterial m = new StoredMaterial(UUID.randomUUID(), r.accountId(), r.kind(), added.mediaId(), name, added.url(),
                    r.kind() == MaterialKind.VIDEO ? r.videoTitle().strip() : null,
                    r.kind() == MaterialKind.VIDEO ? r.videoDescription() : null, null, file.format().contentType(), file.size(),
                    file.durationMillis(), width, height, StoredMaterial.Origin.UPLOADED, StoredMaterial.Preview.READY, null, now, now, user, null);
            try {
                store.insert(m, new StoredFile(file.format().contentType(), Digests.sha256(r.bytes()), r.bytes()), preview);
            } catch (RuntimeException e) {
                // not stored: take it off WeChat again so the library does not hold what Fanmail does not know
                try {
                    gateway.delete(r.accountId(), added.mediaId());
                } catch (RuntimeException cleanup) {
                    LOG.log(Level.WARNING, "Material " + added.mediaId() + " was added on WeChat but not stored; the next sync will list it", cleanup);
                }
                throw e;
            }
            return m;
        } catch (MaterialRejected e) {
            throw new UserErrorsException(e.code(), e.field(), e.getMessage());
        }
    }

    /** The name WeChat sees: the library name made safe for a multipart file name, with the format's extension. */
    static String fileName(String name, String extension) {
        String base = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        if (base.isBlank()) {
            base = "file";
        }
        return base + "." + extension;
    }

    public Optional<StoredMaterial> find(UUID id) {
        return store.find(id);
    }

    public List<StoredMaterial> page(UUID accountId, MaterialKind kind, String search, Instant afterAt, UUID afterId, int limit) {
        return store.page(accountId, kind, blankToNull(search), afterAt, afterId, limit);
    }

    public long count(UUID accountId, MaterialKind kind, String search) {
        return store.count(accountId, kind, blankToNull(search));
    }

    public Map<MaterialKind, Long> counts(UUID accountId) {
        return store.counts(accountId);
    }

    /** WeChat's own counts of the account's library (news included): one call. */
    public MaterialGateway.Counts wechatCounts(UUID accountId) {
        return wechat(() -> gateway.counts(accountId));
    }

    /**
     * Deletes the material on WeChat (one WeChat no longer knows counts as deleted), then here.
     *
     * @throws UserErrorsException NOT_FOUND; WECHAT_* (nothing deleted)
     */
    public UUID delete(UUID id) {
        StoredMaterial m = store.find(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such material."));
        wechat(() -> {
            gateway.delete(m.accountId(), m.mediaId());
            return null;
        });
        store.delete(id);
        return id;
    }

    public Optional<StoredFile> file(UUID id, Variant variant) {
        return store.file(id, variant);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Runs a gateway call, turning WeChat's refusal into a user error with WeChat's errcode in the message. */
    static <T> T wechat(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MaterialGateway.Refused e) {
            throw new UserErrorsException(new UserError(e.code(), e.field(), e.getMessage()));
        }
    }
}
