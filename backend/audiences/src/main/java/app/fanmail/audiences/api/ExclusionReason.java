package app.fanmail.audiences.api;

/**
 * Why a selected openid is not reached. Each excluded openid has exactly one reason, the first that applies in this
 * order: DUPLICATE, UNKNOWN_OPENID (uploads only), UNSUBSCRIBED, WINDOW_CLOSED (customer-service sends only).
 */
public enum ExclusionReason { DUPLICATE, UNKNOWN_OPENID, UNSUBSCRIBED, WINDOW_CLOSED }
