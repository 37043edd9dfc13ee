package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.TestServer;

/**
 * The sandbox's control API (it hands out accounts' secrets, resets the world, redirects pushes)
 * answers loopback callers and callers with the control token only. The test server listens on every
 * interface, so the test reaches it through this machine's own non-loopback address as a remote
 * caller would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SandboxControlAccessIT {
    private static final String HEADER = "X-Sandbox-Control-Token";

    @Deployment(testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private int status(String host, String token, String forwardedFor) throws Exception {
        URI uri = URI.create("http://" + host + ":" + base.getPort() + "/wechat-sandbox/_sandbox/accounts");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header(HEADER, token);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void loopbackCallersAreServedButForwardedOnesNeedTheToken() throws Exception {
        assertThat(status("127.0.0.1", null, null)).isEqualTo(200);
        assertThat(status("127.0.0.1", null, "127.0.0.1")).isEqualTo(403);
        assertThat(status("127.0.0.1", System.getProperty("fanmail.test.sandbox.control-token"), "203.0.113.9")).isEqualTo(200);
    }

    @Test
    void remoteCallersNeedTheControlToken() throws Exception {
        Optional<String> own = ownAddress();
        assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address");
        String host = own.get();
        assertThat(status(host, null, null)).isEqualTo(403);
        assertThat(status(host, "wrong-token", null)).isEqualTo(403);
        assertThat(status(host, null, "127.0.0.1")).isEqualTo(403);
        String token = System.getProperty("fanmail.test.sandbox.control-token");
        assertThat(token).isNotBlank();
        assertThat(status(host, token, null)).isEqualTo(200);
        // WeChat's own API stays open: it needs an access token instead
        HttpResponse<String> wechat = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + base.getPort()
                + "/wechat-sandbox/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000&secret=x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wechat.statusCode()).isEqualTo(200);
    }

    private static Optional<String> ownAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }
}
