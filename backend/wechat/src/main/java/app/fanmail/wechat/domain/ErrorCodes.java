package app.fanmail.wechat.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatException.Refusal;

/**
 * The one place that knows what WeChat's failures mean: {@link #ERRCODES} maps each errcode to what a caller can do
 * ({@link Kind}), the rule it names ({@link Refusal}) and whether the request may have been processed
 * ({@link Certainty}); {@link Transport} does the same for failures without an errcode (network, HTTP status,
 * Fanmail's own limits). Unknown errcodes are OTHER, kept verbatim.
 */
public final class ErrorCodes {
    /** What one errcode means. */
    public record Meaning(Kind kind, Refusal refusal, Certainty certainty) {
    }

    private static final Certainty NOT = Certainty.NOT_PROCESSED;
    private static final Certainty MAYBE = Certainty.MAY_HAVE_BEEN_PROCESSED;

    /** Every errcode Fanmail distinguishes. An errcode answer means WeChat looked at the request and refused it, except -1. */
    private static final Map<Integer, Meaning> ERRCODES = Map.ofEntries(
            row(-1, Kind.TRANSIENT, MAYBE), // "system busy": WeChat does not say whether it acted
            row(40001, Kind.TOKEN_INVALID), row(40014, Kind.TOKEN_INVALID), row(42001, Kind.TOKEN_INVALID),
            row(40125, Kind.CREDENTIALS_INVALID), row(40013, Kind.CREDENTIALS_INVALID),
            row(40164, Kind.PERMISSION), row(48001, Kind.PERMISSION), row(50001, Kind.PERMISSION),
            row(45009, Kind.DAILY_QUOTA),
            row(45011, Kind.THROTTLED), // API per-minute quota
            row(45066, Kind.THROTTLED), // mass clientmsgid retried within 1 minute
            row(45015, Kind.RECIPIENT_FINAL), row(45047, Kind.RECIPIENT_FINAL), row(43004, Kind.RECIPIENT_FINAL, Refusal.NOT_FOLLOWER),
            row(43019, Kind.RECIPIENT_FINAL), row(48002, Kind.RECIPIENT_FINAL), row(40003, Kind.RECIPIENT_FINAL, Refusal.OPENID_INVALID),
            row(43101, Kind.RECIPIENT_FINAL), row(46004, Kind.RECIPIENT_FINAL, Refusal.FAN_UNKNOWN), row(50002, Kind.RECIPIENT_FINAL),
            row(47003, Kind.REQUEST_INVALID), row(40037, Kind.REQUEST_INVALID, Refusal.TEMPLATE_UNKNOWN),
            row(40102, Kind.REQUEST_INVALID, Refusal.INDUSTRY_INVALID), row(40130, Kind.REQUEST_INVALID),
            row(40032, Kind.REQUEST_INVALID), row(40008, Kind.REQUEST_INVALID), row(40060, Kind.REQUEST_INVALID),
            row(45103, Kind.REQUEST_INVALID), row(40246, Kind.REQUEST_INVALID, Refusal.KEYWORD_UNKNOWN),
            row(45157, Kind.REQUEST_INVALID, Refusal.TAG_NAME_INVALID), row(44002, Kind.REQUEST_INVALID), row(45058, Kind.REQUEST_INVALID, Refusal.TAG_RESERVED),
            row(45067, Kind.REQUEST_INVALID),
            row(45026, Kind.LIMIT, Refusal.TEMPLATE_LIMIT), row(45027, Kind.LIMIT, Refusal.TEMPLATE_OUTSIDE_SETUP),
            row(43100, Kind.LIMIT, Refusal.INDUSTRY_CHANGED_TOO_OFTEN), row(53300, Kind.LIMIT, Refusal.CATEGORY_MONTHLY_LIMIT),
            row(53301, Kind.LIMIT, Refusal.CATEGORY_COUNT_LIMIT), row(53303, Kind.REQUEST_INVALID, Refusal.CATEGORY_INVALID),
            row(53304, Kind.REQUEST_INVALID, Refusal.CATEGORY_DUPLICATE), row(45028, Kind.LIMIT),
            row(45056, Kind.LIMIT, Refusal.TAG_LIMIT), row(45057, Kind.LIMIT, Refusal.TAG_TOO_MANY_FANS),
            row(45059, Kind.LIMIT, Refusal.FAN_TAG_LIMIT), row(45159, Kind.REQUEST_INVALID, Refusal.TAG_UNKNOWN),
            row(40092, Kind.REQUEST_INVALID, Refusal.REMARK_TOO_LONG), row(45065, Kind.LIMIT),
            // downloads and quota reading: no such (or expired) media; unknown cgi_path; quota of an API the account may not read
            row(40007, Kind.REQUEST_INVALID), row(76021, Kind.REQUEST_INVALID), row(76022, Kind.PERMISSION),
            // rules Fanmail also checks before calling (WeChatRules): tag name over 30 bytes (the remark's 40092 is above);
            // draft content, title, digest, article count, author; media file type and size
            row(45158, Kind.REQUEST_INVALID, Refusal.TAG_NAME_TOO_LONG), row(45002, Kind.REQUEST_INVALID), row(45003, Kind.REQUEST_INVALID),
            row(45004, Kind.REQUEST_INVALID), row(45008, Kind.REQUEST_INVALID), row(40005, Kind.REQUEST_INVALID),
            row(40006, Kind.REQUEST_INVALID), row(45110, Kind.REQUEST_INVALID));
    private static final Meaning UNKNOWN = new Meaning(Kind.OTHER, Refusal.NONE, NOT);
    private static final Pattern FIELD = Pattern.compile("data\\.([A-Za-z0-9_]+)(?:\\.value)?");

    /**
     * Failures without an errcode, each with its kind, certainty and the pseudo-errcode Fanmail reports (-1 as WeChat's
     * "system busy" for everything worth retrying).
     */
    public enum Transport {
        /** Fanmail's configuration does not allow the API host: nothing was sent. */
        HOST_REFUSED(Kind.PERMISSION, NOT, 0),
        /** The API host does not resolve: nothing was sent. */
        DNS_FAILURE(Kind.TRANSIENT, NOT, -1),
        /** No in-flight permit (per account or in total) within the checkout timeout: nothing was sent. */
        PERMIT_TIMEOUT(Kind.THROTTLED, NOT, -1),
        /** The connection was refused, or not established within the connect timeout: nothing was sent. */
        CONNECT_FAILED(Kind.TRANSIENT, NOT, -1),
        /** The request was written (or may have been) and no answer came within the request timeout. */
        READ_TIMEOUT(Kind.TRANSIENT, MAYBE, -1),
        /** The connection was reset or closed after the request was (possibly) written. */
        RESET_AFTER_SEND(Kind.TRANSIENT, MAYBE, -1),
        /** HTTP 5xx: a server or proxy failed after receiving the request. */
        HTTP_5XX(Kind.TRANSIENT, MAYBE, -1),
        /** HTTP 200 whose body is not a JSON object: something answered, so the request may have been processed. */
        BAD_ANSWER(Kind.OTHER, MAYBE, 0),
        /** HTTP 429 from a proxy in front of WeChat: refused, back off. */
        HTTP_429(Kind.THROTTLED, NOT, -1),
        /** Any other HTTP status that is not 200, or a body that is not JSON: refused, not worth retrying as is. */
        HTTP_OTHER(Kind.OTHER, NOT, 0);

        private final Kind kind;
        private final Certainty certainty;
        private final int errcode;

        Transport(Kind kind, Certainty certainty, int errcode) {
            this.kind = kind;
            this.certainty = certainty;
            this.errcode = errcode;
        }

        public WeChatException failure(String message, Throwable cause) {
            return new WeChatException(kind, certainty, errcode, message, null, cause);
        }

        /** The transport failure for an HTTP status other than 200. */
        public static Transport ofStatus(int status) {
            return status >= 500 ? HTTP_5XX : status == 429 ? HTTP_429 : HTTP_OTHER;
        }
    }

    private ErrorCodes() {
    }

    private static Map.Entry<Integer, Meaning> row(int code, Kind kind) {
        return row(code, kind, Refusal.NONE);
    }

    private static Map.Entry<Integer, Meaning> row(int code, Kind kind, Certainty certainty) {
        return Map.entry(code, new Meaning(kind, Refusal.NONE, certainty));
    }

    private static Map.Entry<Integer, Meaning> row(int code, Kind kind, Refusal refusal) {
        return Map.entry(code, new Meaning(kind, refusal, NOT));
    }

    /** Every errcode Fanmail distinguishes (the WeChat sandbox must be able to produce each one). */
    public static java.util.Set<Integer> codes() {
        return ERRCODES.keySet();
    }

    public static Meaning meaningOf(int errcode) {
        return ERRCODES.getOrDefault(errcode, UNKNOWN);
    }

    public static Kind kindOf(int errcode) {
        return meaningOf(errcode).kind();
    }

    public static Refusal refusalOf(int errcode) {
        return meaningOf(errcode).refusal();
    }

    /** The failure for an API base URL the {@code ApiHostPolicy} refuses: nothing was sent (the cause says why, for people). */
    public static WeChatException refusedHost(Verdict verdict) {
        if (verdict.outcome() == ApiHostPolicy.Outcome.DNS_FAILURE) {
            return Transport.DNS_FAILURE.failure("The API host " + verdict.hostPort() + " does not resolve",
                    new java.net.UnknownHostException(verdict.hostPort()));
        }
        return Transport.HOST_REFUSED.failure("Fanmail does not send requests to " + verdict.hostPort()
                + ": the server's configuration does not allow this API host", new ApiHostRefusedException(verdict));
    }

    public static WeChatException failure(int errcode, String errmsg) {
        String msg = errmsg == null ? "" : errmsg;
        String field = null;
        if (errcode == 47003) {
            Matcher m = FIELD.matcher(msg);
            field = m.find() ? m.group(1) : null;
        }
        Meaning meaning = meaningOf(errcode);
        return new WeChatException(meaning.kind(), meaning.refusal(), meaning.certainty(), errcode, msg, field, null);
    }
}
