package app.fanmail.accounts.api;

/**
 * Where an account's secrets may go. Checked when an account's API target or base URL is saved, and
 * again by the WeChat layer before every call, so an old row or a configuration change cannot send
 * secrets to a host that is not allowed (configuration {@code fanmail.wechat.allowed-api-hosts},
 * {@code fanmail.wechat.private-api-hosts}; the sandbox's URL while {@code fanmail.sandbox.enabled}).
 */
public interface ApiHostPolicy {
    /** What the check found. */
    enum Outcome {
        /** The URL may receive secrets. */
        ALLOWED,
        /** The host (and port) is not on the allow-list. */
        HOST_NOT_ALLOWED,
        /** The host resolves to a loopback, link-local or private address and is not on the private list. */
        PRIVATE_ADDRESS,
        /** The host does not resolve (only at call time). */
        DNS_FAILURE,
        /** Not an http(s) URL with a host. */
        INVALID_URL
    }

    /** The outcome and the {@code host:port} it concerns (null for an invalid URL). */
    record Verdict(Outcome outcome, String hostPort) {
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    /**
     * Checks a base URL.
     *
     * @param strict true before a call (an unresolvable host is DNS_FAILURE); false when saving
     */
    Verdict check(String baseUrl, boolean strict);

    /** Whether Fanmail's WeChat sandbox is enabled ({@code fanmail.sandbox.enabled}). */
    boolean sandboxEnabled();
}
