package app.fanmail.wechat.application;

import java.time.Duration;

import app.fanmail.accounts.api.AccountCredentials;

/**
 * WeChat's access-token endpoint, as {@link TokenService} needs it: one request for a token with the account's
 * credentials. Implemented in infrastructure (stable_token or the classic token API, by configuration); called with no
 * transaction open.
 */
public interface TokenEndpoint {
    /**
     * WeChat's answer: a token and its lifetime, or the errcode and errmsg it refused with.
     *
     * @param token null when WeChat refused
     */
    record Answer(String token, Duration lifetime, int errcode, String errmsg) {
        public boolean granted() {
            return errcode == 0 && token != null && lifetime != null;
        }
    }

    /**
     * Asks WeChat for a token; {@code forceRefresh} asks for a new one even while the current one is valid (WeChat refused
     * it). An unreachable endpoint is a {@code WeChatException} (TRANSIENT); a refusal is an {@link Answer} with its errcode.
     */
    Answer fetch(AccountCredentials credentials, boolean forceRefresh);
}
