package app.fanmail.sandbox.world;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Identifier factories shaped like WeChat's. */
final class Ids {

    private static final char[] B64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /** Template msgids: 19 digits, above 2^53 (e.g. 3487542469355618313). */
    private final AtomicLong templateMsgIds;
    /** Mass msg_id / msg_data_id: 10 digits (e.g. 3147483730). */
    private final AtomicLong massMsgIds;
    /** MsgId of inbound user messages: 17 digits (e.g. 24512345678901234). */
    private final AtomicLong inboundMsgIds;

    Ids() {
        templateMsgIds = new AtomicLong(3_400_000_000_000_000_000L + (random.nextLong() & 0xFFFFFFFFFFFFFL) * 16);
        massMsgIds = new AtomicLong(3_147_483_700L + random.nextInt(1_000_000));
        inboundMsgIds = new AtomicLong(24_000_000_000_000_000L + (random.nextLong() & 0xFFFFFFFFFFFL));
    }

    long templateMsgId() {
        return templateMsgIds.addAndGet(1 + random.nextInt(7));
    }

    long massMsgId() {
        return massMsgIds.incrementAndGet();
    }

    long inboundMsgId() {
        return inboundMsgIds.addAndGet(1 + random.nextInt(1000));
    }

    String b64url(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = B64URL[random.nextInt(64)];
        }
        return new String(out);
    }

    String hex(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    /** access_token: digits, underscore, then ~150 url-safe characters. */
    String accessToken() {
        return (80 + random.nextInt(10)) + "_" + b64url(150);
    }

    /** The request id WeChat appends to errmsg: {@code rid: 6553f0a1-4b1d2c3e-5f6a7b8c}. */
    String rid() {
        return hex(8) + "-" + hex(8) + "-" + hex(8);
    }

    long nonNegativeLong() {
        return random.nextLong() & Long.MAX_VALUE;
    }
}
