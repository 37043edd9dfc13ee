package app.fanmail.audiences.api;

/**
 * What a send is: it decides who can be reached. Every purpose excludes fans who unfollowed; CUSTOMER_SERVICE also
 * excludes fans without an open customer-service window with messages left.
 */
public enum Purpose { TEMPLATE, CUSTOMER_SERVICE, MASS }
