package app.fanmail.sandbox.world;

import app.fanmail.sandbox.push.CallbackTarget;
import app.fanmail.sandbox.push.EncryptionMode;
import jakarta.json.JsonObject;
import java.util.Locale;

/** What the developer console of an Official Account would hold: credentials, server configuration, type. */
public record AccountConfig(String appId, String appSecret, String token, String encodingAesKey,
                            EncryptionMode encryptionMode, String callbackUrl, AccountType type, boolean verified,
                            String originalId, Limits limits) {

    public AccountConfig {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId is required");
        }
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("appSecret is required");
        }
        if (encryptionMode == null) {
            encryptionMode = EncryptionMode.PLAIN;
        }
        if (encryptionMode != EncryptionMode.PLAIN && (encodingAesKey == null || encodingAesKey.length() != 43)) {
            throw new IllegalArgumentException("encodingAesKey (43 characters) is required in "
                    + encryptionMode + " mode");
        }
        if (encodingAesKey != null && !encodingAesKey.isEmpty() && encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("encodingAesKey must have 43 characters");
        }
        if (token == null) {
            token = "";
        }
        if (type == null) {
            type = AccountType.SERVICE;
        }
        if (originalId == null || originalId.isBlank()) {
            originalId = "gh_" + Long.toHexString(OpenIdCodec.mix(OpenIdCodec.fnv(appId))).substring(0, 12);
        }
        if (limits == null) {
            limits = Limits.defaults();
        }
    }

    /** Parses the control API's account body. */
    static AccountConfig fromJson(JsonObject o) {
        return merge(null, o);
    }

    /** {@code base} with the fields present in {@code o} replaced (base may be null). */
    static AccountConfig merge(AccountConfig base, JsonObject o) {
        String mode = J.str(o, "encryptionMode");
        String type = J.str(o, "type");
        try {
            return new AccountConfig(
                    pick(o, "appId", base == null ? null : base.appId()),
                    pick(o, "appSecret", base == null ? null : base.appSecret()),
                    pick(o, "token", base == null ? null : base.token()),
                    pick(o, "encodingAesKey", base == null ? null : base.encodingAesKey()),
                    mode != null ? EncryptionMode.valueOf(mode.toUpperCase(Locale.ROOT))
                            : base == null ? null : base.encryptionMode(),
                    pick(o, "callbackUrl", base == null ? null : base.callbackUrl()),
                    type != null ? AccountType.valueOf(type.toUpperCase(Locale.ROOT))
                            : base == null ? null : base.type(),
                    J.bool(o, "verified", base == null || base.verified()),
                    pick(o, "originalId", base == null ? null : base.originalId()),
                    (base == null ? Limits.defaults() : base.limits()).with(J.obj(o, "limits")));
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, e.getMessage());
        }
    }

    private static String pick(JsonObject o, String key, String def) {
        return o.containsKey(key) ? J.str(o, key) : def;
    }

    CallbackTarget target() {
        return new CallbackTarget(callbackUrl, token, encodingAesKey, appId, encryptionMode, originalId);
    }

    JsonObject toJson() {
        return Jsons.object()
                .add("appId", appId)
                .add("appSecret", appSecret)
                .add("token", token)
                .add("encodingAesKey", encodingAesKey == null ? "" : encodingAesKey)
                .add("encryptionMode", encryptionMode.name())
                .add("callbackUrl", callbackUrl == null ? "" : callbackUrl)
                .add("type", type.name())
                .add("verified", verified)
                .add("originalId", originalId)
                .add("limits", limits.toJson(type))
                .build();
    }
}
