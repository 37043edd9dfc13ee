package app.fanmail.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs Fanmail locally: database, server, deployment, readiness, sign-in instructions.
 * Everything it keeps lives in {@code .fanmail/} at the project root: the embedded database's
 * data (kept across runs), a per-machine secrets key and the first admin's initial password.
 */
public final class Launcher {
    private static final int DEFAULT_DB_PORT = 15432;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("fanmail.home", ".fanmail")).toAbsolutePath().normalize();
        Path serverDir = Path.of(required("fanmail.server.dir"));
        Path war = Path.of(required("fanmail.war"));
        Files.createDirectories(home);
        if (!Files.isRegularFile(serverDir.resolve("jboss-modules.jar")) || !Files.isRegularFile(war)) {
            fail("The server or the WAR is missing; run the README's run command from the project root.");
        }

        String secretsKey = env("FANMAIL_SECRETS_KEY").orElseGet(() -> secretFile(home.resolve("secrets.key"), 32, true));
        String adminPassword = env("FANMAIL_ADMIN_PASSWORD").orElseGet(() -> secretFile(home.resolve("admin-password"), 12, false));

        EmbeddedPostgres embedded = null;
        String dbUrl = env("DB_URL").orElse(null);
        String dbUser = env("DB_USER").orElse("fanmail");
        String dbPassword = env("DB_PASSWORD").orElse("fanmail");
        if (dbUrl == null) {
            int port = env("FANMAIL_EMBEDDED_DB_PORT").map(Integer::parseInt).orElse(DEFAULT_DB_PORT);
            Path data = home.resolve("pgdata");
            System.out.println("[fanmail] Starting embedded PostgreSQL on 127.0.0.1:" + port + " (data in " + data + ")");
            embedded = startEmbeddedPostgres(data, port);
            ensureDatabase(embedded);
            dbUrl = "jdbc:postgresql://127.0.0.1:" + port + "/fanmail";
            dbUser = "fanmail";
            dbPassword = "fanmail";
        } else {
            System.out.println("[fanmail] Using the database at " + dbUrl);
        }

        Path base = prepareBaseDir(serverDir, home.resolve("server"), war);
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        List<String> command = new ArrayList<>(List.of(
                serverDir.resolve("bin").resolve(windows ? "standalone.bat" : "standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = pb.environment();
        env.put("DB_URL", dbUrl);
        env.put("DB_USER", dbUser);
        env.put("DB_PASSWORD", dbPassword);
        env.put("FANMAIL_SECRETS_KEY", secretsKey);
        env.put("FANMAIL_ADMIN_PASSWORD", adminPassword);
        env.putIfAbsent("FANMAIL_DEMO_ENABLED", "true");
        env.putIfAbsent("FANMAIL_SANDBOX_DEMO_ENABLED", "false");
        env.putIfAbsent("FANMAIL_SANDBOX_ENABLED", "true");
        // only this machine reaches the local run (and the sandbox's control API); FANMAIL_BIND=0.0.0.0 opens it up
        env.putIfAbsent("FANMAIL_BIND", "127.0.0.1");
        env.putIfAbsent("JAVA_OPTS", "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true");
        Process server = pb.start();
        EmbeddedPostgres db = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, db)));

        String url = env("FANMAIL_PUBLIC_URL").orElse("http://localhost:8080");
        if (waitUntilReady(server, Duration.ofMinutes(3))) {
            System.out.println();
            System.out.println("==================================================================");
            System.out.println(" Fanmail is running: " + url);
            System.out.println(" Sign in as 'admin' with the initial password: " + adminPassword);
            System.out.println(" (kept in " + home.resolve("admin-password") + "; change it in the UI)");
            System.out.println(" GraphiQL for admins: " + url + "/graphiql/");
            System.out.println(" Stop with Ctrl+C. Data is kept in " + home);
            System.out.println("==================================================================");
        } else {
            System.out.println("[fanmail] The server did not become ready; see the log above.");
        }
        int exit = server.waitFor();
        if (db != null) {
            db.close();
        }
        System.exit(exit);
    }

    /**
     * The run command's database keeps its data across runs, so it runs durably: the embedded
     * PostgreSQL library starts the server with {@code -F} (fsync off) and
     * {@code synchronous_commit=off}, both fine for throw-away test databases only. The
     * {@code -c} settings given here come after {@code -F} on the server's command line and win.
     */
    static EmbeddedPostgres startEmbeddedPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    private static void ensureDatabase(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = 'fanmail'")) {
                if (!rs.next()) {
                    s.execute("create role fanmail login password 'fanmail'");
                }
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = 'fanmail'")) {
                if (!rs.next()) {
                    s.execute("create database fanmail owner fanmail");
                }
            }
        }
    }

    /** A fresh base dir: the provisioned configuration, plus the WAR in deployments. Data and logs persist. */
    private static Path prepareBaseDir(Path serverDir, Path base, Path war) throws IOException {
        Path configuration = base.resolve("configuration");
        Path deployments = base.resolve("deployments");
        deleteTree(configuration);
        deleteTree(deployments);
        copyTree(serverDir.resolve("standalone").resolve("configuration"), configuration);
        Files.createDirectories(deployments);
        Files.copy(war, deployments.resolve("fanmail.war"), StandardCopyOption.REPLACE_EXISTING);
        Path sandboxWar = war.getParent().resolveSibling("../sandbox/target/wechat-sandbox.war").normalize();
        if (Files.isRegularFile(sandboxWar)) {
            Files.copy(sandboxWar, deployments.resolve("wechat-sandbox.war"), StandardCopyOption.REPLACE_EXISTING);
        }
        return base;
    }

    private static boolean waitUntilReady(Process server, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9990/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // server still starting
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private static void stop(Process server, EmbeddedPostgres db) {
        if (server.isAlive()) {
            server.toHandle().descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (db != null) {
            try {
                db.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }

    private static String secretFile(Path file, int bytes, boolean standardBase64) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            byte[] raw = new byte[bytes];
            new SecureRandom().nextBytes(raw);
            String value = standardBase64 ? Base64.getEncoder().encodeToString(raw)
                    : Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Files.writeString(file, value + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: rely on the user profile's permissions
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or write " + file, e);
        }
    }

    private static java.util.Optional<String> env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v);
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            fail("System property " + property + " is not set.");
        }
        return v;
    }

    private static void fail(String message) {
        System.err.println("[fanmail] " + message);
        System.exit(2);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
