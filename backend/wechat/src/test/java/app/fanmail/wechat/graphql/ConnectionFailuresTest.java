package app.fanmail.wechat.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.ApiHostPolicy.Outcome;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.domain.ApiHostRefusedException;
import jakarta.ws.rs.ProcessingException;

class ConnectionFailuresTest {
    private static UserError of(Throwable cause) {
        return ConnectionFailures.classify(new WeChatException(Kind.TRANSIENT, -1, "Token endpoint unreachable: " + cause.getMessage(), null,
                new ProcessingException(cause)));
    }

    @Test
    void classifiesWithoutTheRawExceptionText() {
        String secret = "Connection refused to 10.0.0.5:5432 (internal detail)";
        assertThat(of(new ConnectException(secret)).code()).isEqualTo("CONNECTION_REFUSED");
        assertThat(of(new ConnectException(secret)).message()).doesNotContain("10.0.0.5").doesNotContain("5432");
        assertThat(of(new UnknownHostException("db.internal")).code()).isEqualTo("DNS_FAILURE");
        assertThat(of(new UnknownHostException("db.internal")).message()).doesNotContain("db.internal");
        assertThat(of(new SocketTimeoutException("Read timed out")).code()).isEqualTo("TIMEOUT");
        assertThat(of(new SSLHandshakeException("PKIX path building failed")).code()).isEqualTo("TLS_ERROR");
        assertThat(of(new IllegalStateException(secret)).code()).isEqualTo("CONNECTION_FAILED");
        assertThat(of(new IllegalStateException(secret)).message()).doesNotContain("10.0.0.5");
    }

    @Test
    void namesRefusedHostsAndWeChatErrcodes() {
        UserError refused = ConnectionFailures.classify(new WeChatException(Kind.PERMISSION, 0, "not allowed", null,
                new ApiHostRefusedException(new Verdict(Outcome.HOST_NOT_ALLOWED, "evil.example:443"))));
        assertThat(refused.code()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(refused.message()).contains("evil.example:443");
        UserError wechat = ConnectionFailures.classify(new WeChatException(Kind.OTHER, 40164, "invalid ip 1.2.3.4 not in whitelist", null));
        assertThat(wechat.code()).isEqualTo("WECHAT_ERROR");
        assertThat(wechat.message()).contains("40164");
    }
}
