package app.fanmail.wechat.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatException.Refusal;

/** The one place that knows what WeChat's errcodes mean. */
public final class ErrorCodes {
    private static final Map<Integer, Kind> KINDS = Map.ofEntries(
            Map.entry(-1, Kind.TRANSIENT),
            Map.entry(40001, Kind.TOKEN_INVALID), Map.entry(40014, Kind.TOKEN_INVALID), Map.entry(42001, Kind.TOKEN_INVALID),
            Map.entry(40125, Kind.CREDENTIALS_INVALID), Map.entry(40013, Kind.CREDENTIALS_INVALID),
            Map.entry(40164, Kind.PERMISSION), Map.entry(48001, Kind.PERMISSION), Map.entry(50001, Kind.PERMISSION),
            Map.entry(45009, Kind.DAILY_QUOTA),
            Map.entry(45015, Kind.RECIPIENT_FINAL), Map.entry(45047, Kind.RECIPIENT_FINAL), Map.entry(43004, Kind.RECIPIENT_FINAL),
            Map.entry(43019, Kind.RECIPIENT_FINAL), Map.entry(48002, Kind.RECIPIENT_FINAL), Map.entry(40003, Kind.RECIPIENT_FINAL),
            Map.entry(43101, Kind.RECIPIENT_FINAL),
            Map.entry(47003, Kind.REQUEST_INVALID), Map.entry(40037, Kind.REQUEST_INVALID), Map.entry(40102, Kind.REQUEST_INVALID), Map.entry(40130, Kind.REQUEST_INVALID),
            Map.entry(40032, Kind.REQUEST_INVALID), Map.entry(40008, Kind.REQUEST_INVALID), Map.entry(40060, Kind.REQUEST_INVALID),
            Map.entry(45103, Kind.REQUEST_INVALID), Map.entry(40246, Kind.REQUEST_INVALID), Map.entry(45157, Kind.REQUEST_INVALID),
            Map.entry(44002, Kind.REQUEST_INVALID), Map.entry(45058, Kind.REQUEST_INVALID), Map.entry(45067, Kind.REQUEST_INVALID),
            Map.entry(45026, Kind.LIMIT), Map.entry(45027, Kind.LIMIT), Map.entry(43100, Kind.LIMIT), Map.entry(53300, Kind.LIMIT), Map.entry(53301, Kind.LIMIT),
            Map.entry(53303, Kind.REQUEST_INVALID), Map.entry(53304, Kind.REQUEST_INVALID), Map.entry(45028, Kind.LIMIT),
            Map.entry(45056, Kind.LIMIT), Map.entry(45057, Kind.LIMIT), Map.entry(45059, Kind.LIMIT), Map.entry(45065, Kind.LIMIT),
            Map.entry(45066, Kind.LIMIT), Map.entry(45011, Kind.LIMIT),
            // downloads and quota reading: no such (or expired) media; unknown cgi_path; quota of an API the account may not read
            Map.entry(40007, Kind.REQUEST_INVALID), Map.entry(76021, Kind.REQUEST_INVALID), Map.entry(76022, Kind.PERMISSION));
    private static final Map<Integer, Refusal> REFUSALS = Map.ofEntries(
            Map.entry(43100, Refusal.INDUSTRY_CHANGED_TOO_OFTEN), Map.entry(40102, Refusal.INDUSTRY_INVALID),
            Map.entry(45026, Refusal.TEMPLATE_LIMIT), Map.entry(45027, Refusal.TEMPLATE_OUTSIDE_SETUP),
            Map.entry(40037, Refusal.TEMPLATE_UNKNOWN), Map.entry(40246, Refusal.KEYWORD_UNKNOWN),
            Map.entry(53300, Refusal.CATEGORY_MONTHLY_LIMIT), Map.entry(53301, Refusal.CATEGORY_COUNT_LIMIT),
            Map.entry(53303, Refusal.CATEGORY_INVALID), Map.entry(53304, Refusal.CATEGORY_DUPLICATE));
    private static final Pattern FIELD = Pattern.compile("data\\.([A-Za-z0-9_]+)(?:\\.value)?");

    private ErrorCodes() {
    }

    public static Kind kindOf(int errcode) {
        return KINDS.getOrDefault(errcode, Kind.OTHER);
    }

    public static Refusal refusalOf(int errcode) {
        return REFUSALS.getOrDefault(errcode, Refusal.NONE);
    }

    public static WeChatException failure(int errcode, String errmsg) {
        String msg = errmsg == null ? "" : errmsg;
        String field = null;
        if (errcode == 47003) {
            Matcher m = FIELD.matcher(msg);
            field = m.find() ? m.group(1) : null;
        }
        return new WeChatException(kindOf(errcode), errcode, msg, field);
    }
}
