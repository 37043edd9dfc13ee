package app.fanmail.identity.application;

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
 * {@code fanmail.admin.username} / {@code fanmail.admin.password}. Without a configured password it
 * generates one and prints it once in the server log. Never a built-in password.
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

    /** Runs after the database migrations (priority 10). */
    void onStartup(@Observes @Priority(100) Startup startup) {
        if (users.count() > 0) {
            return;
        }
        String initial = password.filter(p -> !p.isBlank()).orElseGet(FirstAdmin::generate);
        users.create(username, initial, Role.ADMIN);
        if (password.filter(p -> !p.isBlank()).isPresent()) {
            LOG.info("Created the first admin '" + username + "' with the configured password.");
        } else {
            LOG.warning("\n==========================================================\n"
                    + " Fanmail created the first admin.\n"
                    + "   username: " + username + "\n"
                    + "   password: " + initial + "\n"
                    + " This is shown once. Sign in and change it.\n"
                    + "==========================================================");
        }
    }

    private static String generate() {
        byte[] raw = new byte[15];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
