package app.fanmail.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(20_000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", stored)).isTrue();
        assertThat(hasher.verify("correct horse batterY", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void storesAlgorithmWorkFactorAndSaltNeverThePassword() {
        String stored = hasher.hash("correct horse battery");
        assertThat(stored).startsWith("pbkdf2-sha256$20000$").doesNotContain("correct");
        assertThat(stored.split("\\$")).hasSize(4);
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void oldWorkFactorsStillVerifyAndAskForRehash() {
        PasswordHasher weaker = new PasswordHasher(10_000);
        String old = weaker.hash("some password!");
        assertThat(hasher.verify("some password!", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "plain")).isFalse();
        assertThat(hasher.verify("x", "bcrypt$1$a$b")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$20000$!!$??")).isFalse();
    }

    @Test
    void decoyNeverMatches() {
        assertThat(hasher.verifyAgainstDecoy("decoy-password-never-matches")).isFalse();
    }

    @Test
    void refusesTooFewIterations() {
        assertThatThrownBy(() -> new PasswordHasher(1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
