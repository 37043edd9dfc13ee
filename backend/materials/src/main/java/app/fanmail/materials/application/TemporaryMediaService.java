package app.fanmail.materials.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.api.MaterialView;
import app.fanmail.materials.api.Materials;
import app.fanmail.materials.api.MaterialsException;
import app.fanmail.materials.application.MaterialRepository.StoredFile;
import app.fanmail.materials.application.MaterialRepository.Variant;
import app.fanmail.materials.domain.MediaFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link Materials} for the sending flows. Temporary media live 3 days on WeChat from their upload: one is reused while
 * it stays valid long enough, else uploaded again from Fanmail's copy (a BMP image as PNG: temporary media take no
 * BMP), and its expiry recorded.
 */
@ApplicationScoped
public class TemporaryMediaService implements Materials {
    /** How long WeChat keeps a temporary media. */
    public static final Duration LIFETIME = Duration.ofDays(3);

    @Inject
    MaterialRepository store;
    @Inject
    MaterialGateway gateway;
    @Inject
    DraftLookup drafts;
    @Inject
    Clock clock;

    @Override
    public Optional<MaterialView> material(UUID accountId, UUID materialId) {
        return store.find(materialId).filter(m -> m.accountId().equals(accountId)).map(TemporaryMediaService::view);
    }

    @Override
    public app.fanmail.materials.api.TemporaryMedia temporaryMedia(UUID accountId, UUID materialId, Duration validFor) {
        StoredMaterial m = store.find(materialId).filter(x -> x.accountId().equals(accountId))
                .orElseThrow(() -> new MaterialsException("NOT_FOUND", "No such material of the account.", false, null));
        Instant now = clock.instant();
        if (m.temporary() != null && m.temporary().expiresAt().isAfter(now.plus(validFor))) {
            return new app.fanmail.materials.api.TemporaryMedia(m.id(), m.temporary().mediaId(), m.temporary().uploadedAt(), m.temporary().expiresAt());
        }
        StoredFile file = store.file(materialId, Variant.ORIGINAL)
                .orElseThrow(() -> new MaterialsException("NO_COPY", "Fanmail holds no copy of " + m.name() + " to upload.", false, null));
        byte[] bytes = file.bytes();
        MediaFormat format = MediaFormat.sniff(bytes).orElse(null);
        if (format == MediaFormat.BMP) {
            bytes = ImagePreviews.png(bytes).orElseThrow(() -> new MaterialsException("NO_COPY", "The BMP image cannot be converted.", false, null));
            format = MediaFormat.PNG;
        }
        if (format == null) {
            throw new MaterialsException("NO_COPY", "Fanmail's copy of " + m.name() + " is in no format WeChat takes.", false, null);
        }
        MaterialGateway.Temporary t;
        try {
            t = gateway.uploadTemporary(accountId, m.kind(), MaterialLibrary.fileName(m.name(), format.extension()), format.contentType(), bytes);
        } catch (MaterialGateway.Refused e) {
            throw new MaterialsException(e.code(), e.getMessage(), e.retryable(), e);
        }
        Instant uploaded = t.createdAt() == null ? now : t.createdAt();
        Instant expires = uploaded.plus(LIFETIME);
        store.saveTemporary(materialId, accountId, t.mediaId(), uploaded, expires);
        return new app.fanmail.materials.api.TemporaryMedia(materialId, t.mediaId(), uploaded, expires);
    }

    @Override
    public Optional<String> draftMediaId(UUID accountId, UUID draftId) {
        return drafts.mediaId(accountId, draftId);
    }

    static MaterialView view(StoredMaterial m) {
        return new MaterialView(m.id(), m.accountId(), m.kind(), m.mediaId(), m.name(), m.wechatUrl(), m.videoTitle(), m.videoDescription(),
                m.durationMillis(), m.createdAt());
    }
}
