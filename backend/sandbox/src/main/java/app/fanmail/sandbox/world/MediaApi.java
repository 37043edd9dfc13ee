package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Temporary media, permanent materials, article images, mass videos and drafts (metadata and sizes only). */
final class MediaApi {

    private static final Map<String, Long> MAX_SIZE = Map.of("image", 10L << 20, "voice", 2L << 20,
            "video", 10L << 20, "thumb", 64L << 10);
    /**
     * Formats of permanent materials (add_material): image BMP/PNG/JPEG/JPG/GIF, voice MP3/WMA/WAV/AMR, video MP4,
     * thumb JPG (WeChat's "Adding Permanent Assets" doc).
     */
    private static final Map<String, Set<String>> EXTENSIONS = Map.of(
            "image", Set.of("bmp", "png", "jpeg", "jpg", "gif"),
            "voice", Set.of("mp3", "wma", "wav", "amr"),
            "video", Set.of("mp4"),
            "thumb", Set.of("jpg", "jpeg"));
    /**
     * Formats of temporary media (media/upload): image PNG/JPEG/JPG/GIF (no BMP), voice AMR/MP3 (no WAV, WMA), video
     * MP4, thumb JPG (WeChat's "New temporary materials" doc).
     */
    private static final Map<String, Set<String>> TEMPORARY_EXTENSIONS = Map.of(
            "image", Set.of("png", "jpeg", "jpg", "gif"),
            "voice", Set.of("amr", "mp3"),
            "video", Set.of("mp4"),
            "thumb", Set.of("jpg", "jpeg"));
    /** Draft article limits (draft/add doc): title 32, author 16, digest 128 characters; content < 20,000 and < 1 MB. */
    static final int TITLE_MAX = 32;
    static final int AUTHOR_MAX = 16;
    static final int DIGEST_MAX = 128;
    static final int CONTENT_MAX_CHARS = 20_000;
    static final int CONTENT_MAX_BYTES = 1 << 20;
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");
    private static final byte[] PNG_1X1 = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final int MAX_ARTICLES = 8;

    private MediaApi() {
    }

    // ------------------------------------------------------------ uploads

    private static Multipart.Part filePart(ApiCall call, String type, long maxSize) {
        return filePart(call, type, maxSize, EXTENSIONS);
    }

    private static Multipart.Part filePart(ApiCall call, String type, long maxSize, Map<String, Set<String>> formats) {
        if (call.bodyTooLarge()) {
            throw Err.invalidMediaSize();
        }
        Multipart.Part file = null;
        for (Multipart.Part p : Multipart.parse(call.body(), call.contentType())) {
            if (p.isFile() && (file == null || "media".equals(p.name()))) {
                file = p;
            }
        }
        if (file == null || file.size() == 0) {
            throw Err.mediaDataMissing();
        }
        if (file.size() > maxSize) {
            throw Err.invalidMediaSize();
        }
        String name = file.filename();
        int dot = name == null ? -1 : name.lastIndexOf('.');
        if (dot >= 0 && type != null) {
            String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!formats.get(type).contains(ext)) {
                throw Err.invalidFileType();
            }
        }
        return file;
    }

    private static String type(ApiCall call) {
        String type = call.query("type");
        if (type == null || !MAX_SIZE.containsKey(type.toLowerCase(Locale.ROOT))) {
            throw Err.invalidMediaType();
        }
        return type.toLowerCase(Locale.ROOT);
    }

    static JsonObject uploadTemporary(World world, Account acc, ApiCall call) {
        String type = type(call);
        Multipart.Part file = filePart(call, type, MAX_SIZE.get(type), TEMPORARY_EXTENSIONS);
        long now = world.clock().millis();
        String id = world.ids().b64url(64);
        synchronized (acc) {
            acc.media.media.put(id, new MediaStore.Media(id, type, false, file.size(), file.filename(), now, null,
                    null, null));
        }
        return Jsons.object().add("type", type).add(type.equals("thumb") ? "thumb_media_id" : "media_id", id)
                .add("created_at", now / 1000).build();
    }

    static JsonObject addMaterial(World world, Account acc, ApiCall call) {
        String type = type(call);
        Multipart.Part file = filePart(call, type, MAX_SIZE.get(type));
        String title = null;
        String introduction = null;
        if (type.equals("video")) {
            for (Multipart.Part p : Multipart.parse(call.body(), call.contentType())) {
                if ("description".equals(p.name()) && p.text() != null) {
                    JsonObject d = J.parse(p.text());
                    title = J.str(d, "title");
                    introduction = J.str(d, "introduction");
                }
            }
            if (title == null || title.isBlank()) {
                throw Err.of(41005, "media data missing: description {title, introduction} is required for video");
            }
        }
        long now = world.clock().millis();
        String id = world.ids().b64url(43);
        String url = type.equals("image") || type.equals("thumb") ? imageUrl(world, "sz_mmbiz_jpg") : null;
        synchronized (acc) {
            requireRoom(acc, type);
            acc.media.media.put(id, new MediaStore.Media(id, type, true, file.size(), file.filename(), now, url, title,
                    introduction));
        }
        JsonObjectBuilder b = Jsons.object().add("media_id", id);
        if (url != null) {
            b.add("url", url);
        }
        return b.build();
    }

    static JsonObject uploadImg(World world, Account acc, ApiCall call) {
        Multipart.Part file = filePart(call, null, 1L << 20);
        String name = file.filename() == null ? "" : file.filename().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !(name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"))) {
            throw Err.invalidFileType();
        }
        synchronized (acc) {
            acc.media.uploadedImages++;
        }
        return Jsons.object().add("url", imageUrl(world, "mmbiz_jpg")).build();
    }

    private static String imageUrl(World world, String kind) {
        return "http://mmbiz.qpic.cn/" + kind + "/" + world.ids().b64url(60) + "/0?wx_fmt=jpeg";
    }

    static JsonObject uploadVideo(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        long now = world.clock().millis();
        synchronized (acc) {
            // the source must be a permanent video (add_material), not temporary media: 40007 otherwise
            MediaStore.Media source = acc.media.requirePermanent(J.str(body, "media_id"), now, "video");
            String id = world.ids().b64url(64);
            acc.media.media.put(id, new MediaStore.Media(id, "mpvideo", false, source.size, source.filename, now, null,
                    J.str(body, "title"), J.str(body, "description")));
            return Jsons.object().add("type", "video").add("media_id", id).add("created_at", now / 1000)
                    .build();
        }
    }

    // ------------------------------------------------------------ reading materials

    static Object getTemporary(World world, Account acc, ApiCall call) {
        long now = world.clock().millis();
        synchronized (acc) {
            MediaStore.Media m = acc.media.find(call.param("media_id"), now);
            if (m == null || m.permanent) {
                throw Err.invalidMediaId();
            }
            if (m.type.equals("video")) {
                // temporary video: JSON with video_url (WeChat's media/get doc; down_url is get_material's field)
                return Jsons.object().add("video_url", "http://vweixinf.tc.qq.com/sandbox/" + m.id + ".mp4").build();
            }
            return content(m);
        }
    }

    static Object getMaterial(World world, Account acc, ApiCall call) {
        long now = world.clock().millis();
        String id = call.param("media_id");
        synchronized (acc) {
            MediaStore.Media m = acc.media.find(id, now);
            if (m == null || !m.permanent) {
                throw Err.invalidMediaId();
            }
            return content(m);
        }
    }

    private static Object content(MediaStore.Media m) {
        if (m.type.equals("video") || m.type.equals("mpvideo")) {
            return Jsons.object().add("title", m.title == null ? "" : m.title)
                    .add("description", m.description == null ? "" : m.description)
                    .add("down_url", "http://mpvideo.qpic.cn/sandbox/" + m.id + ".mp4").build();
        }
        if (m.type.equals("image") || m.type.equals("thumb")) {
            return new ApiResult(200, "image/png", PNG_1X1, 0, attachment(m, "png"));
        }
        byte[] placeholder = ("SANDBOX " + m.type + " " + m.id + " " + m.size + " bytes")
                .getBytes(StandardCharsets.UTF_8);
        return new ApiResult(200, "audio/amr", placeholder, 0, attachment(m, "amr"));
    }

    /**
     * WeChat answers a file with {@code Content-disposition: attachment; filename="<media_id>.<ext>"} (the header of
     * media/get's documented response); SDKs such as WxJava take the file name from it and fail without it.
     */
    static Map<String, String> attachment(MediaStore.Media m, String fallbackExt) {
        String ext = fallbackExt;
        int dot = m.filename == null ? -1 : m.filename.lastIndexOf('.');
        if (dot >= 0 && dot < m.filename.length() - 1) {
            ext = m.filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
        return Map.of("Content-disposition", "attachment; filename=\"" + m.id + "." + ext + "\"");
    }

    static JsonObject delMaterial(World world, Account acc, ApiCall call) {
        String id = J.str(call.requireJson(), "media_id");
        synchronized (acc) {
            MediaStore.Media m = id == null ? null : acc.media.media.get(id);
            if (m == null || !m.permanent) {
                throw Err.invalidMediaId();
            }
            acc.media.media.remove(id);
        }
        return WeChatApi.ok();
    }

    static JsonObject materialCount(Account acc, ApiCall call) {
        synchronized (acc) {
            return Jsons.object().add("voice_count", acc.media.count("voice"))
                    .add("video_count", acc.media.count("video"))
                    .add("image_count", acc.media.count("image") + acc.media.count("thumb"))
                    .add("news_count", 0).build();
        }
    }

    static JsonObject batchGetMaterial(Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        String type = J.str(body, "type");
        int offset = (int) Math.max(0, J.lng(body, "offset", 0));
        int count = (int) Math.max(1, Math.min(20, J.lng(body, "count", 20)));
        if (type == null || !Set.of("image", "video", "voice", "news").contains(type)) {
            throw Err.invalidMediaType();
        }
        synchronized (acc) {
            List<MediaStore.Media> all = new ArrayList<>();
            for (MediaStore.Media m : acc.media.media.values()) {
                if (m.permanent && (m.type.equals(type) || (type.equals("image") && m.type.equals("thumb")))) {
                    all.add(0, m);
                }
            }
            JsonArrayBuilder items = Jsons.array();
            int n = 0;
            for (int i = offset; i < all.size() && n < count; i++, n++) {
                MediaStore.Media m = all.get(i);
                JsonObjectBuilder item = Jsons.object().add("media_id", m.id)
                        .add("name", m.filename == null ? m.id : m.filename)
                        .add("update_time", m.createdAtMillis / 1000);
                if (m.url != null) {
                    item.add("url", m.url);
                }
                if (m.type.equals("video")) {
                    item.add("description", m.description == null ? "" : m.description);
                }
                items.add(item);
            }
            return Jsons.object().add("total_count", all.size()).add("item_count", n).add("item", items)
                    .build();
        }
    }

    static JsonObject unsupported(Account acc, ApiCall call) {
        throw Err.unsupported();
    }

    // ------------------------------------------------------------ drafts

    /**
     * Library caps (permanent): news (drafts) and images (image + thumb) {@code materialsNewsAndImagesMax} each,
     * voice and video {@code materialsOtherMax} each. Under the account lock.
     */
    static void requireRoom(Account acc, String type) {
        Limits limits = acc.limits();
        long used;
        long cap;
        switch (type) {
            case "news" -> {
                used = acc.media.drafts.size();
                cap = limits.materialsNewsAndImagesMax();
            }
            case "image", "thumb" -> {
                used = acc.media.count("image") + acc.media.count("thumb");
                cap = limits.materialsNewsAndImagesMax();
            }
            default -> {
                used = acc.media.count(type);
                cap = limits.materialsOtherMax();
            }
        }
        if (used >= cap) {
            throw Err.materialLimit(type, cap);
        }
    }

    static JsonObject draftAdd(World world, Account acc, ApiCall call) {
        JsonArray articles = J.arr(call.requireJson(), "articles");
        long now = world.clock().millis();
        synchronized (acc) {
            List<JsonObject> checked = checkArticles(acc, articles, now);
            requireRoom(acc, "news");
            String id = world.ids().b64url(43);
            acc.media.drafts.put(id, new MediaStore.Draft(id, checked, now));
            return Jsons.object().add("media_id", id).build();
        }
    }

    private static List<JsonObject> checkArticles(Account acc, JsonArray articles, long now) {
        if (articles == null || articles.isEmpty()) {
            throw Err.emptyNewsData();
        }
        if (articles.size() > MAX_ARTICLES) {
            throw Err.argumentInvalid("articles size out of limit");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : articles) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Err.dataFormatError();
            }
            out.add(checkArticle(acc, v.asJsonObject(), now));
        }
        return out;
    }

    /**
     * One draft article: title ≤ 32 characters (45003), author ≤ 16 (45110), digest ≤ 128 (45004), content under 20,000
     * characters of text and under 1 MB of HTML (45002), and a cover that is a permanent image or thumb (40007 for a
     * temporary one).
     */
    private static JsonObject checkArticle(Account acc, JsonObject a, long now) {
        String title = J.str(a, "title");
        if (title == null || title.isBlank()) {
            throw Err.argumentInvalid("title is empty");
        }
        if (TemplateValueRules.length(title) > TITLE_MAX) {
            throw Err.of(45003, "title size out of limit");
        }
        String author = J.str(a, "author");
        if (author != null && TemplateValueRules.length(author) > AUTHOR_MAX) {
            throw Err.of(45110, "author size out of limit");
        }
        String digest = J.str(a, "digest");
        if (digest != null && TemplateValueRules.length(digest) > DIGEST_MAX) {
            throw Err.of(45004, "description size out of limit");
        }
        String content = J.str(a, "content");
        if (content == null || content.isBlank()) {
            throw Err.emptyContent();
        }
        // 20,000 characters of text (markup not counted: the sandbox's reading, otherwise 1 MB could never be reached)
        // and 1 MB of HTML as sent
        if (TemplateValueRules.length(TAG.matcher(content).replaceAll("")) >= CONTENT_MAX_CHARS
                || content.getBytes(StandardCharsets.UTF_8).length >= CONTENT_MAX_BYTES) {
            throw Err.of(45002, "content size out of limit");
        }
        if (!"newspic".equals(J.str(a, "article_type"))) {
            acc.media.requirePermanent(J.str(a, "thumb_media_id"), now, "image", "thumb");
        }
        return a;
    }

    static JsonObject draftGet(Account acc, ApiCall call) {
        String id = J.str(call.requireJson(), "media_id");
        synchronized (acc) {
            MediaStore.Draft d = requireDraft(acc, id);
            return Jsons.object().add("news_item", newsItems(acc, d, true)).build();
        }
    }

    private static JsonArrayBuilder newsItems(Account acc, MediaStore.Draft d, boolean withContent) {
        JsonArrayBuilder items = Jsons.array();
        int idx = 1;
        for (JsonObject a : d.articles) {
            JsonObjectBuilder b = Jsons.object(a);
            if (!withContent) {
                b.remove("content");
            }
            b.add("url", "http://mp.weixin.qq.com/s?__biz=sandbox&mid=" + Math.abs(d.id.hashCode()) + "&idx=" + idx++
                    + "&sn=" + d.id.substring(0, 8) + "#rd");
            MediaStore.Media thumb = acc.media.media.get(J.str(a, "thumb_media_id"));
            if (thumb != null && thumb.url != null) {
                b.add("thumb_url", thumb.url);
            }
            b.add("need_open_comment", (int) J.lng(a, "need_open_comment", 0));
            b.add("only_fans_can_comment", (int) J.lng(a, "only_fans_can_comment", 0));
            items.add(b);
        }
        return items;
    }

    static MediaStore.Draft requireDraft(Account acc, String id) {
        MediaStore.Draft d = id == null ? null : acc.media.drafts.get(id);
        if (d == null) {
            throw Err.invalidMediaId();
        }
        return d;
    }

    static JsonObject draftUpdate(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        long now = world.clock().millis();
        synchronized (acc) {
            MediaStore.Draft d = requireDraft(acc, J.str(body, "media_id"));
            int index = (int) J.lng(body, "index", 0);
            if (index < 0 || index >= d.articles.size()) {
                throw Err.invalidArticleIdx();
            }
            JsonObject article = J.obj(body, "articles");
            if (article == null) {
                throw Err.emptyNewsData();
            }
            List<JsonObject> copy = new ArrayList<>(d.articles);
            copy.set(index, checkArticle(acc, article, now));
            d.articles = copy;
            d.updatedAtMillis = now;
        }
        return WeChatApi.ok();
    }

    static JsonObject draftBatchGet(Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        int offset = (int) Math.max(0, J.lng(body, "offset", 0));
        int count = (int) Math.max(1, Math.min(20, J.lng(body, "count", 20)));
        boolean noContent = J.lng(body, "no_content", 0) == 1;
        synchronized (acc) {
            List<MediaStore.Draft> all = new ArrayList<>(acc.media.drafts.values());
            all.sort((a, b) -> Long.compare(b.updatedAtMillis, a.updatedAtMillis));
            JsonArrayBuilder items = Jsons.array();
            int n = 0;
            for (int i = offset; i < all.size() && n < count; i++, n++) {
                MediaStore.Draft d = all.get(i);
                items.add(Jsons.object().add("media_id", d.id)
                        .add("content", Jsons.object().add("news_item", newsItems(acc, d, !noContent))
                                .add("create_time", d.createdAtMillis / 1000).add("update_time", d.updatedAtMillis / 1000))
                        .add("update_time", d.updatedAtMillis / 1000));
            }
            return Jsons.object().add("total_count", all.size()).add("item_count", n).add("item", items)
                    .build();
        }
    }

    static JsonObject draftDelete(Account acc, ApiCall call) {
        String id = J.str(call.requireJson(), "media_id");
        synchronized (acc) {
            requireDraft(acc, id);
            acc.media.drafts.remove(id);
        }
        return WeChatApi.ok();
    }

    static JsonObject draftCount(Account acc, ApiCall call) {
        synchronized (acc) {
            return Jsons.object().add("total_count", acc.media.drafts.size()).build();
        }
    }
}
