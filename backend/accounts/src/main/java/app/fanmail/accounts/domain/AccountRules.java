package app.fanmail.accounts.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.kernel.graphql.UserError;

/**
 * WeChat's formats for an official account's identifiers and secrets. Each check names the input
 * field it belongs to; all problems are reported at once.
 */
public final class AccountRules {
    public static final int NAME_MAX = 64;
    private static final Pattern ORIGINAL_ID = Pattern.compile("gh_[0-9a-f]{12}");
    private static final Pattern APP_ID = Pattern.compile("wx[0-9a-f]{16}");
    private static final Pattern APP_SECRET = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
    private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");

    private AccountRules() {
    }

    /** Identifiers are case-insensitive in WeChat; Fanmail stores them lowercase and trimmed. */
    public static String normalizeId(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    public static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public static void checkProfile(AccountProfile p, List<UserError> errors) {
        if (p.name() == null || p.name().isBlank()) {
            errors.add(UserError.of("NAME_REQUIRED", "name", "Give the account a display name."));
        } else if (p.name().codePointCount(0, p.name().length()) > NAME_MAX) {
            errors.add(UserError.of("NAME_TOO_LONG", "name", "A display name has at most " + NAME_MAX + " characters."));
        }
        if (p.originalId() == null || !ORIGINAL_ID.matcher(p.originalId()).matches()) {
            errors.add(UserError.of("ORIGINAL_ID_INVALID", "originalId", "The original id is 'gh_' followed by 12 hexadecimal characters."));
        }
        if (p.appId() == null || !APP_ID.matcher(p.appId()).matches()) {
            errors.add(UserError.of("APP_ID_INVALID", "appId", "An AppID is 'wx' followed by 16 hexadecimal characters."));
        }
        if (p.type() == null) {
            errors.add(UserError.of("TYPE_REQUIRED", "type", "Choose the account type."));
        }
        if (p.encryptionMode() == null) {
            errors.add(UserError.of("ENCRYPTION_MODE_REQUIRED", "encryptionMode", "Choose the message encryption mode."));
        }
        if (p.apiTarget() == null) {
            errors.add(UserError.of("API_TARGET_REQUIRED", "apiTarget", "Choose which WeChat the account talks to."));
        }
        if (p.apiBaseUrl() != null && !isHttpUrl(p.apiBaseUrl())) {
            errors.add(UserError.of("API_BASE_URL_INVALID", "apiBaseUrl", "The API base URL is an http(s) URL without query, e.g. https://api.weixin.qq.com."));
        }
    }

    public static void checkAppSecret(String appSecret, List<UserError> errors) {
        if (appSecret == null || !APP_SECRET.matcher(appSecret).matches()) {
            errors.add(UserError.of("APP_SECRET_INVALID", "appSecret", "An AppSecret is 32 hexadecimal characters."));
        }
    }

    public static void checkToken(String token, List<UserError> errors) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            errors.add(UserError.of("TOKEN_INVALID", "token", "The callback Token is 3 to 32 letters or digits."));
        }
    }

    public static void checkAesKey(String key, List<UserError> errors) {
        if (key == null || !AES_KEY.matcher(key).matches()) {
            errors.add(UserError.of("ENCODING_AES_KEY_INVALID", "encodingAesKey",
                    "The EncodingAESKey is 43 characters of letters, digits, '+' and '/'."));
        }
    }

    /** COMPATIBLE and SAFE modes cannot work without an EncodingAESKey. */
    public static void checkAesKeyPresent(EncryptionMode mode, boolean keySet, String field, List<UserError> errors) {
        if (mode != null && mode.needsAesKey() && !keySet) {
            errors.add(UserError.of("ENCODING_AES_KEY_REQUIRED", field,
                    "COMPATIBLE and SAFE modes need the EncodingAESKey; set it first or use PLAIN."));
        }
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
                    && uri.getUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The non-secret settings of an account, normalized. */
    public record AccountProfile(String name, String originalId, String appId,
                                 app.fanmail.accounts.api.AccountType type, boolean verified,
                                 EncryptionMode encryptionMode, ApiTarget apiTarget, String apiBaseUrl) {
        public static AccountProfile of(String name, String originalId, String appId,
                                        app.fanmail.accounts.api.AccountType type, boolean verified,
                                        EncryptionMode mode, ApiTarget target, String apiBaseUrl) {
            String url = trimToNull(apiBaseUrl);
            if (url != null && url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            return new AccountProfile(name == null ? null : name.trim(), normalizeId(originalId), normalizeId(appId),
                    type, verified, mode, target, url);
        }

        public List<UserError> problems() {
            List<UserError> errors = new ArrayList<>();
            checkProfile(this, errors);
            return errors;
        }
    }
}
