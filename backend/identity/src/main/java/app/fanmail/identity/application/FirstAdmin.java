package app.fanmail.identity.application;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import app.fanmail.kernel.security.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure someone can sign in: when there are no users yet, creates the first admin from
 * {@code fanmail.admin.username} / {@code fanmail.admin.password}. A configured password is the
 * operator's choice and is used as is. Without one, Fanmail generates a password, writes it to
 * {@code fanmail.admin.password-file} (default {@code <jboss.server.data.dir>/fanmail/initial-admin-password},
 * readable only by the server's user), logs only where it is, and asks for a new password at the
 * first sign-in. Never a built-in password, never the password in the log.
 */
@ApplicationScoped
public class FirstAdmin {
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @Inject
    UserService users;
    @Inject
    @ConfigProperty(name = "fanmail.admin.username", defaultValue = "admin")
    String username;
    @Inject
    @ConfigProperty(name = "fanmail.admin.password")
    Optional<String> password;
    @Inject
    @ConfigProperty(name = "fanmail.admin.password-file")
    Optional<String> passwordFile;

    /** Runs after the database migrations (priority 10). */
    void onStartup(@Observes @Priority(100) Startup startup) {
        if (users.count() > 0) {
            return;
        }
        Optional<String> configured = password.filter(p -> !p.isBlank());
        if (configured.isPresent()) {
            users.create(username, configured.get(), Role.ADMIN);
            LOG.info("Created the first admin '" + username + "' with the configured password.");
            return;
        }
        String generated = generate();
        Path file = passwordFile();
        InitialPasswordFile.write(file, generated);
        users.create(username, generated, Role.ADMIN, true);
        LOG.warning("Fanmail created the first admin '" + username + "' with a generated password, written to " + file.toAbsolutePath()
                + " (readable only by the server's user). Sign in with it; Fanmail then asks for a new password. Delete the file afterwards.");
    }

    Path passwordFile() {
        return passwordFile.filter(p -> !p.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("jboss.server.data.dir", "."), "fanmail", "initial-admin-password"));
    }

    private static String generate() {
        byte[] raw = new byte[15];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
