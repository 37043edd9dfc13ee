package app.fanmail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.security.SecureRandom;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Prepares the database and server settings once per test JVM, before Arquillian starts WildFly.
 * Active only where the build sets {@code fanmail.it=true} (integration and e2e tests).
 * <ul>
 * <li>With {@code FANMAIL_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) it uses that PostgreSQL and
 * empties it first ({@code DROP OWNED BY} the test role), so runs never see each other's data.
 * Never point it at a database you care about.</li>
 * <li>Otherwise it starts a real embedded PostgreSQL on a free port (zero setup).</li>
 * </ul>
 * The server gets the database, a fresh secrets key and the first admin's password as system
 * properties through {@code fanmail.test.server.args}, which arquillian.xml passes to WildFly.
 */
public class TestDatabase implements LauncherSessionListener {
    private static EmbeddedPostgres embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("fanmail.it") || System.getProperty("fanmail.test.server.args") != null) {
            return;
        }
        String url = System.getenv("FANMAIL_TEST_DB_URL");
        String user = envOr("FANMAIL_TEST_DB_USER", "fanmail");
        String password = envOr("FANMAIL_TEST_DB_PASSWORD", "fanmail");
        try {
            if (url == null || url.isBlank()) {
                embedded = EmbeddedPostgres.builder().setPort(freePort()).start();
                try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create role fanmail login password 'fanmail'");
                    s.execute("create database fanmail owner fanmail");
                }
                url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/fanmail";
                user = "fanmail";
                password = "fanmail";
            } else {
                try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                    s.execute("drop owned by current_user cascade");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database at " + url + ": " + e.getMessage(), e);
        }
        String adminPassword = "it-" + random(12);
        System.setProperty("fanmail.test.db.url", url);
        System.setProperty("fanmail.test.db.user", user);
        System.setProperty("fanmail.test.db.password", password);
        System.setProperty("fanmail.test.admin.password", adminPassword);
        String sandboxControlToken = "sct-" + random(24);
        System.setProperty("fanmail.test.sandbox.control-token", sandboxControlToken);
        System.setProperty("fanmail.test.server.args", String.join(" ",
                "-Dfanmail.db.url=" + url,
                "-Dfanmail.db.user=" + user,
                "-Dfanmail.db.password=" + password,
                "-Dfanmail.secrets.key=" + Base64.getEncoder().encodeToString(randomBytes(32)),
                "-Dfanmail.admin.username=admin",
                "-Dfanmail.admin.password=" + adminPassword,
                "-Dfanmail.identity.pbkdf2-iterations=20000",
                // WebSocket sessions re-checked every second, so tests await a close instead of 30 s;
                // loopback is the proxy, so tests choose client addresses with X-Forwarded-For
                "-Dfanmail.identity.ws-recheck-period=PT1S",
                "-Dfanmail.security.trusted-proxies=127.0.0.1",
                "-Dfanmail.public-url=http://127.0.0.1:" + TestServer.HTTP_PORT,
                "-Dfanmail.sandbox.api-base-url=http://127.0.0.1:" + TestServer.HTTP_PORT + "/wechat-sandbox",
                "-Dfanmail.sandbox.enabled=true",
                "-Dfanmail.test.clock-control=true",
                "-Dfanmail.wechat.inbox.retry-backoff=PT0.2S",
                "-Dfanmail.sandbox.control-token=" + sandboxControlToken,
                // WeChat's host, and a proxy the accounts tests point accounts at (never called)
                "-Dfanmail.wechat.allowed-api-hosts=api.weixin.qq.com,proxy.example.com,proxy.example.com:9000",
                // the inbox sweep and the retention job run often, so CallbackIT sees dead letters and retention quickly
                "-Dfanmail.wechat.inbox.sweep-interval=PT1S",
                "-Dfanmail.wechat.retention.interval=PT2S",
                // a small per-account callback budget, so CallbackIT can exceed it (no test sends more than a few pushes per account)
                "-Dfanmail.wechat.callback-rate=5",
                "-Dfanmail.wechat.callback-burst=30",
                "-Djboss.socket.binding.port-offset=" + TestServer.PORT_OFFSET));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is ending anyway
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String random(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
    }
}
