package app.fanmail.identity.infrastructure;

import app.fanmail.identity.domain.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One hasher, its work factor from {@code fanmail.identity.pbkdf2-iterations}. */
@ApplicationScoped
public class PasswordHasherProducer {
    @Inject
    @ConfigProperty(name = "fanmail.identity.pbkdf2-iterations", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS)
    int iterations;

    @Produces
    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher(iterations);
    }
}
