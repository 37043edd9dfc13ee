package app.fanmail.audiences.domain;

/** What a bulk job does to its fans: add the tag (batchtagging) or remove it (batchuntagging). */
public enum TagAction {
    TAG, UNTAG
}
