package app.fanmail.kernel.crypto;

import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the one {@link SecretCipher} from {@code fanmail.secrets.key} (env FANMAIL_SECRETS_KEY).
 * There is deliberately no default: a server without a valid key fails its deployment at boot (before
 * the migrations) with a message saying what is wrong, rather than report ready and fail every
 * account operation later. The local runner generates a per-machine dev key.
 */
@ApplicationScoped
public class SecretCipherProducer {
    private static final Logger LOG = Logger.getLogger(SecretCipherProducer.class.getName());

    @Inject
    @ConfigProperty(name = "fanmail.secrets.key", defaultValue = "")
    String key;

    @Produces
    @Singleton
    SecretCipher secretCipher() {
        return SecretCipher.fromBase64Key(key);
    }

    /** Fails the deployment when the key is missing or malformed (first of all startup work). */
    void checkAtStartup(@Observes @Priority(1) Startup startup) {
        Optional<String> problem = problem(key);
        if (problem.isPresent()) {
            LOG.severe(problem.get());
            throw new IllegalStateException(problem.get());
        }
    }

    /** What is wrong with a configured key, or empty when it is base64 of exactly 32 bytes. Never echoes the key. */
    public static Optional<String> problem(String base64Key) {
        String fix = " Set FANMAIL_SECRETS_KEY (or -Dfanmail.secrets.key) to base64 of 32 random bytes, e.g. `openssl rand -base64 32`;"
                + " keep it: the stored secrets can only be read with the key they were written with.";
        if (base64Key == null || base64Key.isBlank()) {
            return Optional.of("Fanmail cannot start: no secrets key is configured." + fix);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("Fanmail cannot start: the secrets key is not valid base64." + fix);
        }
        if (raw.length != 32) {
            return Optional.of("Fanmail cannot start: the secrets key decodes to " + raw.length + " bytes, not 32." + fix);
        }
        return Optional.empty();
    }
}
