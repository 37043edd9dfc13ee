package app.fanmail.kernel.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the one {@link SecretCipher} from {@code fanmail.secrets.key} (env FANMAIL_SECRETS_KEY).
 * There is deliberately no default: a server without a key refuses to start rather than store
 * secrets under a well-known key. The local runner generates a per-machine dev key.
 */
@ApplicationScoped
public class SecretCipherProducer {

    @Inject
    @ConfigProperty(name = "fanmail.secrets.key", defaultValue = "")
    String key;

    @Produces
    @Singleton
    SecretCipher secretCipher() {
        return SecretCipher.fromBase64Key(key);
    }
}
