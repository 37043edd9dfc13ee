package app.fanmail.wechat.domain;

import java.util.Map;

import app.fanmail.accounts.api.EncryptionMode;

/**
 * Checks a push the way WeChat signs it and returns the plaintext XML. Refuses (with a reason)
 * anything not signed with the account's Token, ciphertext not sealed for its AppID, and plaintext
 * posts to an account in SAFE mode (no downgrade).
 */
public final class CallbackVerifier {
    private CallbackVerifier() {
    }

    /** The secrets and mode of the account a callback URL belongs to. */
    public record Keys(String appId, String token, String encodingAesKey, EncryptionMode mode) {
        @Override
        public String toString() {
            return "Keys[" + appId + ", " + mode + "]";
        }
    }

    public record Query(String signature, String timestamp, String nonce, String encryptType, String msgSignature) {
        public boolean encrypted() {
            return "aes".equalsIgnoreCase(encryptType);
        }
    }

    /** URL verification (GET): the signature over Token, timestamp and nonce. */
    public static boolean urlVerified(Keys keys, Query q) {
        return q.timestamp() != null && q.nonce() != null
                && CallbackCrypto.matches(CallbackCrypto.signature(keys.token(), q.timestamp(), q.nonce()), q.signature());
    }

    /** Longest nonce accepted (WeChat's are about 10 digits); the replay memory stores it. */
    public static final int MAX_NONCE = 64;

    /**
     * Refuses a timestamp that is not a number of seconds within {@code window} of {@code now}, in either direction,
     * and a nonce that is missing or too long: PLAIN and COMPATIBLE signatures cover only Token, timestamp and
     * nonce, so an old signed query string must not work forever. Returns the timestamp.
     */
    public static long fresh(Query q, java.time.Instant now, java.time.Duration window) {
        if (!digits(q.timestamp(), 12)) { // what \d{1,12} matches, without a regex per push
            throw new Refused("timestamp missing or not a number");
        }
        if (q.nonce() == null || q.nonce().isEmpty() || q.nonce().length() > MAX_NONCE) {
            throw new Refused("nonce missing or too long");
        }
        long ts = Long.parseLong(q.timestamp());
        if (Math.abs(now.getEpochSecond() - ts) > window.toSeconds()) {
            throw new Refused("timestamp outside the replay window");
        }
        return ts;
    }

    private static boolean digits(String s, int max) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The plaintext XML of a verified POST. */
    public static byte[] plaintext(Keys keys, Query q, byte[] body) {
        if (q.timestamp() == null || q.nonce() == null) {
            throw new Refused("timestamp and nonce are required");
        }
        if (!q.encrypted()) {
            if (keys.mode() == EncryptionMode.SAFE) {
                throw new Refused("the account is in SAFE mode; plaintext pushes are refused");
            }
            if (!urlVerified(keys, q)) {
                throw new Refused("bad signature");
            }
            return body;
        }
        if (keys.encodingAesKey() == null) {
            throw new Refused("encrypted push but no EncodingAESKey is set");
        }
        Map<String, Object> envelope = SafeXml.parse(body);
        String encrypt = InboundParser.text(envelope, "Encrypt");
        if (encrypt.isEmpty()) {
            throw new Refused("encrypted push without <Encrypt>");
        }
        String expected = CallbackCrypto.signature(keys.token(), q.timestamp(), q.nonce(), encrypt);
        if (!CallbackCrypto.matches(expected, q.msgSignature())) {
            throw new Refused("bad msg_signature");
        }
        try {
            return CallbackCrypto.decrypt(keys.encodingAesKey(), keys.appId(), encrypt).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (CallbackCrypto.CryptoException e) {
            throw new Refused(e.getMessage());
        }
    }

    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
