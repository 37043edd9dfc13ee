package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.Set;

/** Customer-service messages (message/custom/send, typing) within the windows of {@link KefuWindows}. */
final class KefuApi {

    static final Set<String> TYPES = Set.of("text", "image", "voice", "video", "music", "news", "mpnews",
            "mpnewsarticle", "wxcard", "miniprogrampage", "msgmenu");

    private KefuApi() {
    }

    static JsonObject send(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        String openid = J.str(body, "touser");
        String msgtype = J.str(body, "msgtype");
        long now = world.clock().millis();
        synchronized (acc) {
            int fan = acc.fans.require(openid);
            if (msgtype == null || !TYPES.contains(msgtype)) {
                throw Err.invalidMessageType();
            }
            String summary = validate(acc, msgtype, J.obj(body, msgtype), now);
            if (!acc.fans.isSubscribed(fan)) {
                throw Err.kefuOutOfTime();
            }
            if (acc.fans.isRefusing(fan)) {
                throw Err.userRefusesMessages();
            }
            if (acc.faults.quotaExhausted("custom")
                    || !acc.customDaily.tryAcquire(acc.limits().customDailyQuota(), world.clock().today())) {
                throw Err.dailyQuota();
            }
            acc.kefu.consume(fan, now);
            JsonObject cs = J.obj(body, "customservice");
            String kf = cs == null ? null : J.str(cs, "kf_account");
            acc.ledger.add(now, Ledger.Kind.CUSTOM, fan, null, 0, null, msgtype,
                    summary + (kf == null ? "" : " (kf " + kf + ")"), "delivered");
        }
        return WeChatApi.ok();
    }

    static JsonObject typing(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        String command = J.str(body, "command");
        if (!"Typing".equals(command) && !"CancelTyping".equals(command)) {
            throw Err.of(45072, "command invalid");
        }
        synchronized (acc) {
            int fan = acc.fans.require(J.str(body, "touser"));
            if (!acc.fans.isSubscribed(fan)) {
                throw Err.kefuOutOfTime();
            }
            acc.kefu.typing(fan, "Typing".equals(command), world.clock().millis());
        }
        return WeChatApi.ok();
    }

    private static String validate(Account acc, String type, JsonObject part, long now) {
        if (part == null) {
            throw type.equals("text") ? Err.emptyContent() : Err.dataFormatError();
        }
        MediaStore media = acc.media;
        switch (type) {
            case "text" -> {
                String content = J.str(part, "content");
                if (content == null || content.isEmpty()) {
                    throw Err.emptyContent();
                }
                return "text: " + J.cut(content, 60);
            }
            case "image", "voice" -> {
                media.require(J.str(part, "media_id"), now, type);
                return type + ": " + J.str(part, "media_id");
            }
            case "video" -> {
                media.require(J.str(part, "media_id"), now, "video");
                String thumb = J.str(part, "thumb_media_id");
                if (thumb != null && !thumb.isEmpty()) {
                    media.require(thumb, now, "thumb", "image");
                }
                return "video: " + J.cut(J.str(part, "title"), 30);
            }
            case "music" -> {
                media.require(J.str(part, "thumb_media_id"), now, "thumb", "image");
                return "music: " + J.cut(J.str(part, "title"), 30);
            }
            case "news" -> {
                JsonArray articles = J.arr(part, "articles");
                if (articles == null || articles.isEmpty()) {
                    throw Err.emptyNewsData();
                }
                if (articles.size() > 1) {
                    throw Err.of(45008, "article size out of limit");
                }
                return "news: " + J.cut(J.str(articles.getJsonObject(0), "title"), 30);
            }
            case "mpnews" -> {
                MediaStore.Draft d = MediaApi.requireDraft(acc, J.str(part, "media_id"));
                return "mpnews: " + J.cut(J.str(d.articles.get(0), "title"), 30);
            }
            case "mpnewsarticle" -> {
                return "mpnewsarticle: " + nonEmpty(part, "article_id");
            }
            case "wxcard" -> {
                return "wxcard: " + nonEmpty(part, "card_id");
            }
            case "miniprogrampage" -> {
                nonEmpty(part, "appid");
                nonEmpty(part, "pagepath");
                media.require(J.str(part, "thumb_media_id"), now, "thumb", "image");
                return "miniprogrampage: " + J.cut(J.str(part, "title"), 30);
            }
            case "msgmenu" -> {
                JsonArray list = J.arr(part, "list");
                if (list == null || list.isEmpty()) {
                    throw Err.argumentInvalid("msgmenu.list is empty");
                }
                return "msgmenu: " + J.cut(J.str(part, "head_content"), 30) + " (" + list.size() + " options)";
            }
            default -> throw Err.invalidMessageType();
        }
    }

    private static String nonEmpty(JsonObject part, String key) {
        String v = J.str(part, key);
        if (v == null || v.isEmpty()) {
            throw Err.argumentInvalid(key + " is empty");
        }
        return v;
    }
}
