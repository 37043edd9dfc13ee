package app.fanmail.sandbox.world;

import app.fanmail.sandbox.push.PreparedPush;
import app.fanmail.sandbox.push.PushRecord;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fans acting: builds the XML WeChat would push for a user message or event, updates the world (follow,
 * unfollow, customer-service window) and pushes it synchronously to the account's server.
 */
final class Simulator {

    static final Set<String> MESSAGES = Set.of("text", "image", "voice", "video", "shortvideo", "location", "link");
    private static final Map<String, String> EVENTS = Map.of("subscribe", "subscribe", "unsubscribe", "unsubscribe",
            "scan", "SCAN", "click", "CLICK", "view", "VIEW", "scancode_push", "scancode_push",
            "scancode_waitmsg", "scancode_waitmsg", "location_event", "LOCATION");

    private Simulator() {
    }

    static JsonObject simulate(World world, Account acc, JsonObject req) {
        String raw = J.str(req, "kind");
        if (raw == null || raw.isBlank()) {
            throw new ControlException(400, "kind is required");
        }
        // "location" is the user message; the LOCATION event is spelled in capitals
        String kind = raw.equals("LOCATION") ? "location_event" : raw.toLowerCase(Locale.ROOT);
        boolean message = MESSAGES.contains(kind);
        String event = EVENTS.get(kind);
        if (!message && event == null) {
            throw new ControlException(400, "unknown kind " + raw);
        }
        String openid = J.str(req, "openid");
        long now = world.clock().millis();
        long createTime = now / 1000;
        AccountConfig cfg = acc.config();
        String xml;
        Long msgId = null;
        int fan;
        synchronized (acc) {
            FanStore fans = acc.fans;
            Limits limits = acc.limits();
            if (kind.equals("subscribe")) {
                String scene = J.str(req, "scene");
                fan = fans.follow(openid == null || openid.isEmpty() ? null : openid, createTime,
                        scene != null ? FanStore.SCENE_QR : 0, scene);
                acc.kefu.open(fan, KefuWindows.Trigger.SUBSCRIBE, limits.kefuSubscribe(), now);
            } else {
                fan = openid == null || openid.isEmpty() ? anyFollower(acc) : fans.find(openid);
                if (fan < 0) {
                    throw new ControlException(400, "no such fan: " + openid);
                }
                if (!fans.isSubscribed(fan)) {
                    throw new ControlException(409, "the fan does not follow the account");
                }
                switch (kind) {
                    case "unsubscribe" -> fans.unfollow(fan);
                    case "click", "scancode_push", "scancode_waitmsg" ->
                            acc.kefu.open(fan, KefuWindows.Trigger.MENU, limits.kefuMenu(), now);
                    case "scan" -> acc.kefu.open(fan, KefuWindows.Trigger.SCAN, limits.kefuScan(), now);
                    default -> {
                        if (message) {
                            acc.kefu.open(fan, KefuWindows.Trigger.MESSAGE, limits.kefuMessage(), now);
                        }
                    }
                }
            }
            openid = fans.openid(fan);
            Xml x = new Xml().text("ToUserName", cfg.originalId()).text("FromUserName", openid)
                    .num("CreateTime", createTime);
            if (message) {
                msgId = world.ids().inboundMsgId();
                x.text("MsgType", kind);
                messageBody(world, x, kind, req);
                x.num("MsgId", msgId);
            } else {
                x.text("MsgType", "event").text("Event", event);
                eventBody(world, x, kind, req);
            }
            xml = x.build();
        }
        PreparedPush prepared = world.prepare(acc, message ? kind : "event:" + event, openid, xml);
        acc.lastSimulated = prepared;
        PushRecord record = world.deliver(acc, prepared);
        JsonObjectBuilder out = result(record, prepared).add("openid", openid);
        if (msgId != null) {
            out.add("msgId", Long.toString(msgId));
        }
        return out.build();
    }

    static JsonObject replay(World world, Account acc) {
        PreparedPush last = acc.lastSimulated;
        if (last == null) {
            throw new ControlException(409, "nothing simulated yet");
        }
        return result(world.deliver(acc, last), last).add("openid", last.openid() == null ? "" : last.openid())
                .add("replayed", true).build();
    }

    private static JsonObjectBuilder result(PushRecord record, PreparedPush prepared) {
        JsonArrayBuilder attempts = Jsons.array();
        for (PushRecord.Attempt a : record.attempts()) {
            attempts.add(Jsons.object().add("n", a.number()).add("httpStatus", a.httpStatus())
                    .add("outcome", a.outcome()).add("ms", a.durationMs()));
        }
        return Jsons.object()
                .add("pushed", !record.status().equals("NO_CALLBACK_URL"))
                .add("status", record.status())
                .add("attempts", attempts)
                .add("reply", record.lastReply() == null ? "" : record.lastReply())
                .add("xml", prepared.plaintextXml())
                .add("url", prepared.fullUrl())
                .add("body", prepared.bodyText());
    }

    private static int anyFollower(Account acc) {
        FanStore fans = acc.fans;
        if (fans.subscribedCount() == 0) {
            return -1;
        }
        int start = fans.size() == 0 ? 0 : acc.random.nextInt(fans.size());
        int i = fans.subscribedView().nextSetBit(start);
        return i >= 0 ? i : fans.subscribedView().nextSetBit(0);
    }

    private static String or(JsonObject req, String key, String def) {
        String v = J.str(req, key);
        return v == null ? def : v;
    }

    private static void messageBody(World world, Xml x, String kind, JsonObject req) {
        switch (kind) {
            case "text" -> x.text("Content", or(req, "content", "你好"));
            case "image" -> x.text("PicUrl", or(req, "picUrl", "http://mmbiz.qpic.cn/mmbiz_jpg/" + world.ids().b64url(40) + "/0"))
                    .text("MediaId", or(req, "mediaId", world.ids().b64url(64)));
            case "voice" -> {
                x.text("MediaId", or(req, "mediaId", world.ids().b64url(64))).text("Format", or(req, "format", "amr"));
                if (J.str(req, "content") != null) {
                    x.text("Recognition", J.str(req, "content"));
                }
            }
            case "video", "shortvideo" -> x.text("MediaId", or(req, "mediaId", world.ids().b64url(64)))
                    .text("ThumbMediaId", or(req, "thumbMediaId", world.ids().b64url(64)));
            case "location" -> x.raw("Location_X", or(req, "latitude", "23.134521"))
                    .raw("Location_Y", or(req, "longitude", "113.358803")).num("Scale", 20)
                    .text("Label", or(req, "content", "广东省广州市天河区"));
            case "link" -> x.text("Title", or(req, "title", "公众平台官网链接"))
                    .text("Description", or(req, "content", "公众平台官网链接"))
                    .text("Url", or(req, "url", "https://mp.weixin.qq.com"));
            default -> throw new IllegalStateException(kind);
        }
    }

    private static void eventBody(World world, Xml x, String kind, JsonObject req) {
        String key = J.str(req, "eventKey");
        String scene = J.str(req, "scene");
        String ticket = "gQH" + world.ids().b64url(93);
        switch (kind) {
            case "subscribe" -> {
                if (scene != null) {
                    x.text("EventKey", "qrscene_" + scene).text("Ticket", ticket);
                } else {
                    x.text("EventKey", key == null ? "" : key);
                }
            }
            case "unsubscribe" -> x.text("EventKey", "");
            case "scan" -> x.text("EventKey", scene != null ? scene : key == null ? "0" : key).text("Ticket", ticket);
            case "click" -> x.text("EventKey", key == null ? "MENU_CLICK" : key);
            case "view" -> x.text("EventKey", key == null ? "https://mp.weixin.qq.com" : key)
                    .num("MenuId", J.lng(req, "menuId", 1L));
            case "scancode_push", "scancode_waitmsg" -> x.text("EventKey", key == null ? "SCAN_MENU" : key)
                    .open("ScanCodeInfo").text("ScanType", "qrcode")
                    .text("ScanResult", or(req, "content", "https://example.com/qr")).close("ScanCodeInfo");
            case "location_event" -> x.raw("Latitude", or(req, "latitude", "23.137466"))
                    .raw("Longitude", or(req, "longitude", "113.352425")).raw("Precision", or(req, "precision", "119.385040"));
            default -> throw new IllegalStateException(kind);
        }
    }
}
