package app.fanmail.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** WeChat's signature: SHA-1 (lower-case hex) of the parameters sorted lexicographically and concatenated. */
public final class Signatures {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Signatures() {
    }

    /**
     * {@code signature = sha1(token, timestamp, nonce)} for the URL check and every push;
     * {@code msg_signature = sha1(token, timestamp, nonce, encrypt)} for encrypted pushes.
     */
    public static String sha1Sorted(String... parts) {
        String[] sorted = parts.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] == null) {
                sorted[i] = "";
            }
        }
        Arrays.sort(sorted);
        StringBuilder joined = new StringBuilder();
        for (String part : sorted) {
            joined.append(part);
        }
        return sha1Hex(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha1Hex(byte[] data) {
        try {
            return hex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
