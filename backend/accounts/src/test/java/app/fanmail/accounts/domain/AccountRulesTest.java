package app.fanmail.accounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.accounts.domain.AccountRules.AccountProfile;
import app.fanmail.kernel.graphql.UserError;

class AccountRulesTest {
    private static AccountProfile profile(String name, String originalId, String appId, String url) {
        return AccountProfile.of(name, originalId, appId, AccountType.SERVICE, true, EncryptionMode.SAFE, ApiTarget.SANDBOX, url);
    }

    private static List<String> codes(List<UserError> errors) {
        return errors.stream().map(UserError::code).toList();
    }

    @Test
    void validProfileHasNoProblemsAndIsNormalized() {
        AccountProfile p = profile("  Fanmail Demo ", " GH_0123456789AB", "WX0123456789ABCDEF", "https://api.weixin.qq.com/");
        assertThat(p.problems()).isEmpty();
        assertThat(p.name()).isEqualTo("Fanmail Demo");
        assertThat(p.originalId()).isEqualTo("gh_0123456789ab");
        assertThat(p.appId()).isEqualTo("wx0123456789abcdef");
        assertThat(p.apiBaseUrl()).isEqualTo("https://api.weixin.qq.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wx0123456789abcde", "wx0123456789abcdefa", "wy0123456789abcdef", "wx0123456789abcdeg", ""})
    void appIdIsWxAnd16Hex(String appId) {
        assertThat(profile("n", "gh_0123456789ab", appId, null).problems())
                .extracting(UserError::code, UserError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("APP_ID_INVALID", "appId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gh_0123456789a", "gh_0123456789abc", "gx_0123456789ab", "gh_0123456789az"})
    void originalIdIsGhAnd12Hex(String originalId) {
        assertThat(codes(profile("n", originalId, "wx0123456789abcdef", null).problems())).containsExactly("ORIGINAL_ID_INVALID");
    }

    @Test
    void nameIsRequiredAndBounded() {
        assertThat(codes(profile("   ", "gh_0123456789ab", "wx0123456789abcdef", null).problems())).containsExactly("NAME_REQUIRED");
        assertThat(codes(profile("名".repeat(65), "gh_0123456789ab", "wx0123456789abcdef", null).problems())).containsExactly("NAME_TOO_LONG");
        assertThat(profile("名".repeat(64), "gh_0123456789ab", "wx0123456789abcdef", null).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com", "api.weixin.qq.com", "https://api.example.com/?x=1", "https://user:pw@api.example.com", "http://"})
    void apiBaseUrlMustBeAPlainHttpUrl(String url) {
        assertThat(codes(profile("n", "gh_0123456789ab", "wx0123456789abcdef", url).problems())).containsExactly("API_BASE_URL_INVALID");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(codes(profile("", "x", "y", "z").problems()))
                .containsExactlyInAnyOrder("NAME_REQUIRED", "ORIGINAL_ID_INVALID", "APP_ID_INVALID", "API_BASE_URL_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Token2026", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"})
    void acceptsTokens(String token) {
        List<UserError> errors = new ArrayList<>();
        AccountRules.checkToken(token, errors);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "tok-en", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q", "令牌令牌"})
    void refusesTokens(String token) {
        List<UserError> errors = new ArrayList<>();
        AccountRules.checkToken(token, errors);
        assertThat(codes(errors)).containsExactly("TOKEN_INVALID");
    }

    @Test
    void encodingAesKeyIs43Base64Characters() {
        List<UserError> errors = new ArrayList<>();
        AccountRules.checkAesKey("abcdefghijklmnopqrstuvwxyz0123456789ABCD+/G", errors);
        assertThat(errors).isEmpty();
        for (String bad : List.of("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF-")) {
            errors.clear();
            AccountRules.checkAesKey(bad, errors);
            assertThat(codes(errors)).as(bad).containsExactly("ENCODING_AES_KEY_INVALID");
        }
    }

    @Test
    void appSecretIs32Hex() {
        List<UserError> errors = new ArrayList<>();
        AccountRules.checkAppSecret("0123456789abcdef0123456789abcdef", errors);
        assertThat(errors).isEmpty();
        AccountRules.checkAppSecret("0123456789abcdef0123456789abcdeg", errors);
        assertThat(codes(errors)).containsExactly("APP_SECRET_INVALID");
    }

    @Test
    void encryptedModesNeedAnAesKey() {
        List<UserError> errors = new ArrayList<>();
        AccountRules.checkAesKeyPresent(EncryptionMode.PLAIN, false, "encodingAesKey", errors);
        assertThat(errors).isEmpty();
        AccountRules.checkAesKeyPresent(EncryptionMode.COMPATIBLE, true, "encodingAesKey", errors);
        assertThat(errors).isEmpty();
        AccountRules.checkAesKeyPresent(EncryptionMode.SAFE, false, "encryptionMode", errors);
        assertThat(errors).extracting(UserError::code, UserError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ENCODING_AES_KEY_REQUIRED", "encryptionMode"));
    }
}
