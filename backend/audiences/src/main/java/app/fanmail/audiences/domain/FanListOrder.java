package app.fanmail.audiences.domain;

/**
 * The orders of the fans list, each served by an index of V1 and paged by keyset (the order key, then the openid):
 * OPENID by the primary key, SUBSCRIBED_AT_DESC and LAST_INTERACTION_DESC newest first with fans without the
 * instant last, by openid among equal instants.
 */
public enum FanListOrder {
    OPENID, SUBSCRIBED_AT_DESC, LAST_INTERACTION_DESC
}
