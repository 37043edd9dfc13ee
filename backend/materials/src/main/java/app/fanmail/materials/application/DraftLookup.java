package app.fanmail.materials.application;

import java.util.Optional;
import java.util.UUID;

/** A draft's media id by its Fanmail id (implemented by the drafts store). */
public interface DraftLookup {
    Optional<String> mediaId(UUID accountId, UUID draftId);
}
