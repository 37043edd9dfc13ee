package app.fanmail.audiences.domain;

/** What a fan sync run does: the full list of followers with their tags, or the details of fans not enriched yet. */
public enum FanSyncKind {
    FOLLOWERS, DETAILS;

    /** The phase a run of this kind starts in. */
    public FanSyncPhase firstPhase() {
        return this == FOLLOWERS ? FanSyncPhase.TAGS : FanSyncPhase.DETAILS;
    }
}
