package app.fanmail.sandbox.world;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic, reversible openids: {@code o} + 5 account-specific characters + 22 characters, 28 in all, in the
 * base64url alphabet like real ones (e.g. {@code oia2TjuEGTNoeX76QEjQNrcURxG8}). The 22 characters carry the fan
 * index through a keyed Feistel permutation (11 chars) plus an 11-char keyed check, so no per-fan string is stored
 * and an openid maps back to its index in O(1).
 */
final class OpenIdCodec {

    static final int LENGTH = 28;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final int[] REVERSE = new int[128];

    static {
        java.util.Arrays.fill(REVERSE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            REVERSE[ALPHABET[i]] = i;
        }
    }

    private final String prefix;
    private final long[] roundKeys = new long[4];
    private final long checkKey;

    OpenIdCodec(String appId, long seed) {
        long h = mix(fnv(appId));
        char[] p = new char[6];
        p[0] = 'o';
        for (int i = 1; i < 6; i++) {
            p[i] = ALPHABET[(int) Math.floorMod(h >>> (6 * i), 62L)]; // letters and digits only
        }
        this.prefix = new String(p);
        long k = mix(h ^ mix(seed + 0x9E3779B97F4A7C15L));
        for (int i = 0; i < roundKeys.length; i++) {
            k = mix(k + i + 1);
            roundKeys[i] = k;
        }
        this.checkKey = mix(k ^ 0x5DEECE66DL);
    }

    String prefix() {
        return prefix;
    }

    String encode(int index) {
        long v = permute(index & 0xFFFFFFFFL);
        char[] out = new char[LENGTH];
        prefix.getChars(0, 6, out, 0);
        put(out, 6, v);
        put(out, 17, check(v));
        return new String(out);
    }

    /** The index, or -1 when this is not an openid of this codec. */
    int decode(String openid) {
        if (openid == null || openid.length() != LENGTH || !openid.startsWith(prefix)) {
            return -1;
        }
        long v = get(openid, 6);
        long c = get(openid, 17);
        if (v == Long.MIN_VALUE || c == Long.MIN_VALUE || c != check(v)) {
            return -1;
        }
        long idx = unpermute(v);
        if ((idx >>> 32) != 0 || idx > Integer.MAX_VALUE) {
            return -1;
        }
        return (int) idx;
    }

    private long check(long v) {
        return mix(v ^ checkKey) >>> 2; // 62 bits, fits in 11 base64 chars with the top bits zero
    }

    /** 11 characters = 66 bits; values are 64-bit so the first character holds only the top 4 bits. */
    private static void put(char[] out, int at, long v) {
        for (int i = 10; i >= 0; i--) {
            out[at + i] = ALPHABET[(int) (v & 63)];
            v >>>= 6;
        }
    }

    private static long get(String s, int at) {
        long v = 0;
        for (int i = 0; i < 11; i++) {
            char ch = s.charAt(at + i);
            int d = ch < 128 ? REVERSE[ch] : -1;
            if (d < 0) {
                return Long.MIN_VALUE;
            }
            if (i == 0 && d > 15) {
                return Long.MIN_VALUE;
            }
            v = (v << 6) | d;
        }
        return v;
    }

    private long permute(long x) {
        int left = (int) (x >>> 32);
        int right = (int) x;
        for (long key : roundKeys) {
            int next = left ^ (int) mix(right ^ key);
            left = right;
            right = next;
        }
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private long unpermute(long v) {
        int left = (int) (v >>> 32);
        int right = (int) v;
        for (int i = roundKeys.length - 1; i >= 0; i--) {
            int prev = right ^ (int) mix(left ^ roundKeys[i]);
            right = left;
            left = prev;
        }
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
