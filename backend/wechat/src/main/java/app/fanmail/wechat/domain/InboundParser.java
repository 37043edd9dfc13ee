package app.fanmail.wechat.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.wechat.api.InboundEvent;
import app.fanmail.wechat.api.InboundEvent.ArticleUrl;

/** Turns the fields of a callback XML into a typed {@link InboundEvent}, and says how to dedupe it. */
public final class InboundParser {
    private static final List<String> MESSAGE_TYPES = List.of("text", "image", "voice", "video", "shortvideo", "location", "link");

    private InboundParser() {
    }

    /** Longest openid (FromUserName) accepted: WeChat's are 28 characters; the inbox and window columns hold 64. */
    public static final int MAX_OPENID = 64;
    /** Longest MsgType accepted (the inbox column). */
    public static final int MAX_MSG_TYPE = 32;
    /** Longest Event accepted (the inbox column). */
    public static final int MAX_EVENT = 64;

    /**
     * Messages dedupe by MsgId; events by FromUserName + CreateTime + Event (+ EventKey, MsgID). The key is the
     * SHA-256 (hex, 64 characters) of that, so a long EventKey (a VIEW event's menu URL) fits the column.
     */
    public static String dedupeKey(Map<String, Object> f) {
        return sha256Hex(naturalKey(f));
    }

    /** The readable key before hashing. */
    static String naturalKey(Map<String, Object> f) {
        String msgType = text(f, "MsgType");
        if (!"event".equals(msgType) && !text(f, "MsgId").isEmpty()) {
            return "msg:" + text(f, "MsgId");
        }
        return String.join("|", "evt", text(f, "FromUserName"), text(f, "CreateTime"), text(f, "Event"), text(f, "EventKey"),
                text(f, "MsgID"));
    }

    /**
     * Refuses a push whose stored fields would not fit: an openid, MsgType or Event longer than WeChat ever sends.
     * Truncating an openid would merge two fans, so these are refused rather than cut. Other values are free-length
     * (stored as JSON, and only hashed into the dedupe key).
     */
    public static void validate(Map<String, Object> f) {
        if (text(f, "MsgType").length() > MAX_MSG_TYPE) {
            throw new SafeXml.XmlRejected("MsgType longer than " + MAX_MSG_TYPE);
        }
        if (text(f, "Event").length() > MAX_EVENT) {
            throw new SafeXml.XmlRejected("Event longer than " + MAX_EVENT);
        }
        if (text(f, "FromUserName").length() > MAX_OPENID) {
            throw new SafeXml.XmlRejected("FromUserName longer than " + MAX_OPENID);
        }
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static InboundEvent parse(UUID accountId, long inboxId, Map<String, Object> f) {
        String openid = text(f, "FromUserName");
        Instant at = Instant.ofEpochSecond(number(f, "CreateTime", 0L));
        String msgType = text(f, "MsgType");
        if (MESSAGE_TYPES.contains(msgType)) {
            Map<String, String> content = new LinkedHashMap<>();
            f.forEach((k, v) -> {
                if (v instanceof String s && !List.of("ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "Encrypt").contains(k)) {
                    content.put(k, s);
                }
            });
            return new InboundEvent.UserMessage(accountId, inboxId, openid, at, msgType, text(f, "MsgId"), content);
        }
        if (!"event".equals(msgType)) {
            return unrecognized(accountId, inboxId, openid, at, msgType, null, f);
        }
        String event = text(f, "Event");
        String key = text(f, "EventKey");
        return switch (event.toLowerCase()) {
            case "subscribe" -> new InboundEvent.Followed(accountId, inboxId, openid, at,
                    key.startsWith("qrscene_") ? key.substring("qrscene_".length()) : null, nullIfEmpty(text(f, "Ticket")));
            case "unsubscribe" -> new InboundEvent.Unfollowed(accountId, inboxId, openid, at);
            case "scan" -> new InboundEvent.QrScanned(accountId, inboxId, openid, at, key, nullIfEmpty(text(f, "Ticket")));
            case "click" -> new InboundEvent.MenuClicked(accountId, inboxId, openid, at, key);
            case "view" -> new InboundEvent.MenuLinkOpened(accountId, inboxId, openid, at, key);
            case "scancode_push", "scancode_waitmsg" -> {
                Map<String, Object> info = nested(f, "ScanCodeInfo");
                yield new InboundEvent.CodeScanned(accountId, inboxId, openid, at, key, event.equalsIgnoreCase("scancode_waitmsg"),
                        text(info, "ScanType"), text(info, "ScanResult"));
            }
            case "location" -> new InboundEvent.LocationReported(accountId, inboxId, openid, at,
                    decimal(f, "Latitude"), decimal(f, "Longitude"), decimal(f, "Precision"));
            case "templatesendjobfinish" -> new InboundEvent.TemplateDeliveryReported(accountId, inboxId, openid, at,
                    text(f, "MsgID"), text(f, "Status"), InboundEvent.DeliveryOutcome.of(text(f, "Status")));
            case "masssendjobfinish" -> massFinished(accountId, inboxId, openid, at, f);
            default -> unrecognized(accountId, inboxId, openid, at, msgType, event, f);
        };
    }

    private static InboundEvent massFinished(UUID accountId, long inboxId, String openid, Instant at, Map<String, Object> f) {
        Map<String, Object> copyright = nested(f, "CopyrightCheckResult");
        List<Map<String, String>> checks = new ArrayList<>();
        for (Map<String, Object> item : items(nested(copyright, "ResultList"))) {
            Map<String, String> flat = new LinkedHashMap<>();
            item.forEach((k, v) -> flat.put(k, String.valueOf(v)));
            checks.add(flat);
        }
        List<ArticleUrl> urls = new ArrayList<>();
        for (Map<String, Object> item : items(nested(nested(f, "ArticleUrlResult"), "ResultList"))) {
            urls.add(new ArticleUrl((int) number(item, "ArticleIdx", 0L), text(item, "ArticleUrl")));
        }
        String state = text(copyright, "CheckState");
        return new InboundEvent.MassSendFinished(accountId, inboxId, openid, at, text(f, "MsgID"), text(f, "Status"),
                (int) number(f, "TotalCount", 0L), (int) number(f, "FilterCount", 0L), (int) number(f, "SentCount", 0L),
                (int) number(f, "ErrorCount", 0L), state.isEmpty() ? null : Integer.valueOf(state), checks, urls);
    }

    private static InboundEvent unrecognized(UUID accountId, long inboxId, String openid, Instant at, String msgType, String event,
                                             Map<String, Object> f) {
        Map<String, String> flat = new LinkedHashMap<>();
        f.forEach((k, v) -> flat.put(k, String.valueOf(v)));
        return new InboundEvent.Unrecognized(accountId, inboxId, openid, at, msgType, event, flat);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach((k, v) -> {
            if (k.startsWith("item") && v instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> f, String key) {
        return f.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static String text(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v instanceof String s ? s.trim() : "";
    }

    private static long number(Map<String, Object> f, String key, long fallback) {
        try {
            return Long.parseLong(text(f, key));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double decimal(Map<String, Object> f, String key) {
        try {
            return Double.parseDouble(text(f, key));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
