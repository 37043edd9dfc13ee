package app.fanmail.dispatch.api;

/** What a job sends: template messages, customer-service messages (inside open windows) or a mass send. */
public enum JobKind { TEMPLATE, CUSTOMER_SERVICE, MASS }
