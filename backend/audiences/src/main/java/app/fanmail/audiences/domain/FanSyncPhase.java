package app.fanmail.audiences.domain;

/**
 * The steps of a run. A full sync (FOLLOWERS kind) goes TAGS (tags/get into the tag table) → MEMBERS (user/tag/get
 * pages of every tag, staged) → FOLLOWERS (user/get pages upserted with their tag ids from the staged members: each
 * fan is written once) → APPLY (silent unfollows, chunk by chunk); an enrichment is one DETAILS phase.
 */
public enum FanSyncPhase {
    FOLLOWERS, TAGS, MEMBERS, APPLY, DETAILS;

    /** The phase after this one in a full sync; null after the last. */
    public FanSyncPhase next() {
        return switch (this) {
            case TAGS -> MEMBERS;
            case MEMBERS -> FOLLOWERS;
            case FOLLOWERS -> APPLY;
            case APPLY, DETAILS -> null;
        };
    }
}
