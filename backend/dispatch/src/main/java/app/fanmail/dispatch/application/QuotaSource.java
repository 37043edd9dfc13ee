package app.fanmail.dispatch.application;

import java.util.UUID;

/** WeChat's daily quota of template messages for an account (a port: the adapter reads openapi/quota/get). */
public interface QuotaSource {
    /** Today's limit and how much of it WeChat counts as used. */
    record Today(long limit, long used) {
    }

    /** Reads it from WeChat (no transaction may be open); {@link QuotaUnavailableException} when WeChat does not tell. */
    Today templateSends(UUID accountId);

    /** WeChat did not tell the quota: the message says why (for the operator). */
    class QuotaUnavailableException extends RuntimeException {
        public QuotaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
