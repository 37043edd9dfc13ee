package app.fanmail.audiences.domain;

/**
 * The steps of a run. A full sync (FOLLOWERS kind) goes FOLLOWERS (user/get pages upserted) → TAGS (tags/get into the
 * tag table) → MEMBERS (user/tag/get pages of every tag, staged) → APPLY (tag ids and silent unfollows set on the
 * fans, chunk by chunk); an enrichment is one DETAILS phase.
 */
public enum FanSyncPhase {
    FOLLOWERS, TAGS, MEMBERS, APPLY, DETAILS;

    /** The phase after this one in a full sync; null after the last. */
    public FanSyncPhase next() {
        return switch (this) {
            case FOLLOWERS -> TAGS;
            case TAGS -> MEMBERS;
            case MEMBERS -> APPLY;
            case APPLY, DETAILS -> null;
        };
    }
}
