package app.fanmail.materials.api;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** What the sending flows use of the materials module. */
public interface Materials {
    /** A material of the account, if it exists. */
    Optional<MaterialView> material(UUID accountId, UUID materialId);

    /**
     * A temporary media id for the material that stays valid for at least {@code validFor} more: the one uploaded
     * before if it does, else a new upload from Fanmail's copy (its expiry recorded). WeChat is called without a
     * transaction open; concurrent callers may both upload, the later answer is kept.
     *
     * @throws MaterialsException NOT_FOUND (no such material of the account), NO_COPY (Fanmail holds no copy of the
     *                            file, e.g. a synced video), or WECHAT_* when WeChat refused or failed
     */
    TemporaryMedia temporaryMedia(UUID accountId, UUID materialId, Duration validFor);

    /** The media id of a draft of the account (what mass sends of news use), if the draft exists. */
    Optional<String> draftMediaId(UUID accountId, UUID draftId);
}
