package app.fanmail.wechat.graphql;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import app.fanmail.accounts.api.ApiHostPolicy.Outcome;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.domain.ApiHostRefusedException;
import jakarta.ws.rs.WebApplicationException;

/**
 * Turns a failed call into a classified error for people: a fixed code and a fixed message, never the
 * exception's own text (which would make "Test connection" a port scanner of the server's network).
 */
final class ConnectionFailures {
    private ConnectionFailures() {
    }

    static UserError classify(WeChatException e) {
        if (e.getCause() == null && e.errcode() == 0 && "No such account".equals(e.errmsg())) {
            return UserError.of("NOT_FOUND", "accountId", "No such account.");
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ApiHostRefusedException refused) {
                return UserError.of("HOST_NOT_ALLOWED", null, refused.verdict().outcome() == Outcome.PRIVATE_ADDRESS
                        ? "The account's API host resolves to an internal address, which the server's configuration does not allow."
                        : "The server's configuration does not allow the account's API host (" + refused.verdict().hostPort() + ").");
            }
            if (t instanceof UnknownHostException) {
                return UserError.of("DNS_FAILURE", null, "The account's API host name does not resolve.");
            }
            if (t instanceof SSLException) {
                return UserError.of("TLS_ERROR", null, "The TLS handshake with the API host failed (certificate or protocol).");
            }
            if (t instanceof SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || (t instanceof InterruptedIOException && t.getClass().getSimpleName().contains("Timeout"))) {
                return UserError.of("TIMEOUT", null, "The API host did not answer in time.");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return UserError.of("CONNECTION_REFUSED", null, "The API host refused or could not take the connection.");
            }
            if (t instanceof WebApplicationException w) {
                int status = w.getResponse() == null ? 0 : w.getResponse().getStatus();
                return UserError.of("HTTP_ERROR", null, "The API host answered HTTP " + status + ".");
            }
        }
        if (e.getCause() == null && e.errcode() != 0) {
            return UserError.of("WECHAT_ERROR", null, "WeChat answered errcode " + e.errcode() + ".");
        }
        return UserError.of("CONNECTION_FAILED", null, "Fanmail could not reach the API host.");
    }
}
