package app.fanmail.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.fanmail.kernel.graphql.UserError;

class CredentialRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"admin", "ops.li", "a_b-c", "abc", "x23456789012345678901234567890ab"})
    void acceptsUsernames(String name) {
        assertThat(CredentialRules.checkUsername(name, "username")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Admin", "-lead", "has space", "x234567890123456789012345678901ab", "张三", ""})
    void refusesUsernames(String name) {
        assertThat(CredentialRules.checkUsername(name, "username")).extracting(UserError::code, UserError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("USERNAME_INVALID", "username"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "short", ""})
    void refusesShortPasswords(String password) {
        assertThat(CredentialRules.checkPassword(password, "password")).extracting(UserError::code).containsExactly("PASSWORD_TOO_SHORT");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 128})
    void acceptsPasswordLengthsWithinBounds(int length) {
        assertThat(CredentialRules.checkPassword("p".repeat(length), "password")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 500})
    void refusesOverlongPasswords(int length) {
        assertThat(CredentialRules.checkPassword("p".repeat(length), "newPassword"))
                .extracting(UserError::code, UserError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PASSWORD_TOO_LONG", "newPassword"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"密码密码密码密码密码"})
    void countsCharactersNotBytes(String tenChinese) {
        assertThat(CredentialRules.checkPassword(tenChinese, "password")).isEmpty();
    }
}
