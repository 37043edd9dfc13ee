package app.fanmail.wechat.infrastructure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatMaterials;
import app.fanmail.wechat.infrastructure.WeChatRestClients.DownloadApi;
import app.fanmail.wechat.infrastructure.WeChatRestClients.MaterialApi;
import app.fanmail.wechat.infrastructure.WeChatRestClients.UploadApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@link WeChatMaterials} over WeChat's media, material and draft APIs. */
@ApplicationScoped
public class MaterialsAdapter implements WeChatMaterials {
    @Inject
    WeChatGateway gateway;

    @Override
    public UploadedMedia uploadTemporary(UUID accountId, MediaKind kind, String fileName, String contentType, byte[] content) {
        app.fanmail.wechat.domain.WeChatRules.requireTemporaryMedia(kind, fileName, contentType, content.length);
        JsonObject a = gateway.call(accountId, UploadApi.class,
                (api, token) -> api.uploadTemporary(token, kind.wire(), List.of(file(fileName, contentType, content))));
        String id = Json2.str(a, kind == MediaKind.THUMB ? "thumb_media_id" : "media_id");
        return new UploadedMedia(id != null ? id : Json2.str(a, "media_id"), kind, Instant.ofEpochSecond(Json2.num(a, "created_at", 0)));
    }

    @Override
    public PermanentMedia addPermanent(UUID accountId, MediaKind kind, String fileName, String contentType, byte[] content,
                                       String videoTitle, String videoDescription) {
        app.fanmail.wechat.domain.WeChatRules.requirePermanentMedia(kind, fileName, contentType, content.length);
        List<EntityPart> parts = new ArrayList<>();
        parts.add(file(fileName, contentType, content));
        if (kind == MediaKind.VIDEO) {
            String description = JsonFactories.object().add("title", videoTitle == null ? "" : videoTitle)
                    .add("introduction", videoDescription == null ? "" : videoDescription).build().toString();
            parts.add(text("description", description));
        }
        JsonObject a = gateway.call(accountId, UploadApi.class, (api, token) -> api.addMaterial(token, kind.wire(), parts));
        return new PermanentMedia(Json2.str(a, "media_id"), Json2.str(a, "url"));
    }

    @Override
    public String uploadArticleImage(UUID accountId, String fileName, String contentType, byte[] content) {
        app.fanmail.wechat.domain.WeChatRules.requireArticleImage(fileName, contentType, content.length);
        return Json2.str(gateway.call(accountId, UploadApi.class,
                (api, token) -> api.uploadImage(token, List.of(file(fileName, contentType, content)))), "url");
    }

    @Override
    public MaterialPage materials(UUID accountId, MediaKind kind, int offset, int count) {
        JsonObject body = JsonFactories.object().add("type", kind.wire()).add("offset", offset).add("count", Math.max(1, Math.min(20, count)))
                .build();
        JsonObject a = gateway.call(accountId, MaterialApi.class, (api, token) -> api.materials(token, body));
        List<Material> items = new ArrayList<>();
        for (JsonValue v : Json2.arr(a, "item")) {
            JsonObject m = v.asJsonObject();
            items.add(new Material(Json2.str(m, "media_id"), Json2.str(m, "name"), Instant.ofEpochSecond(Json2.num(m, "update_time", 0)),
                    Json2.str(m, "url")));
        }
        return new MaterialPage(Json2.num(a, "total_count", items.size()), items);
    }

    @Override
    public MaterialCounts counts(UUID accountId) {
        JsonObject a = gateway.call(accountId, MaterialApi.class, MaterialApi::materialCount);
        return new MaterialCounts(Json2.num(a, "image_count", 0), Json2.num(a, "voice_count", 0), Json2.num(a, "video_count", 0),
                Json2.num(a, "news_count", 0));
    }

    @Override
    public void deletePermanent(UUID accountId, String mediaId) {
        JsonObject body = JsonFactories.object().add("media_id", mediaId).build();
        gateway.call(accountId, MaterialApi.class, (api, token) -> api.deleteMaterial(token, body));
    }

    @Override
    public MediaContent permanentContent(UUID accountId, String mediaId) {
        JsonObject body = JsonFactories.object().add("media_id", mediaId).build();
        AtomicReference<MediaContent.File> file = new AtomicReference<>();
        JsonObject answer = gateway.call(accountId, DownloadApi.class, (api, token) -> download(api.permanent(token, body), file));
        return file.get() != null ? file.get() : MediaDownloads.permanent(answer);
    }

    @Override
    public MediaContent temporaryContent(UUID accountId, String mediaId) {
        AtomicReference<MediaContent.File> file = new AtomicReference<>();
        JsonObject answer = gateway.call(accountId, DownloadApi.class, (api, token) -> download(api.temporary(token, mediaId), file));
        return file.get() != null ? file.get() : MediaDownloads.temporary(answer);
    }

    /** The JSON WeChat answered with (the gateway checks its errcode), or an empty object after keeping the file. */
    private static JsonObject download(Response response, AtomicReference<MediaContent.File> file) {
        try (response) {
            MediaDownloads.Answer answer = MediaDownloads.read(response);
            file.set(answer.file());
            return answer.json() != null ? answer.json() : JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    @Override
    public String addDraft(UUID accountId, List<Article> articles) {
        app.fanmail.wechat.domain.WeChatRules.requireDraft(articles);
        JsonArrayBuilder list = JsonFactories.array();
        articles.forEach(a -> list.add(article(a)));
        JsonObject body = JsonFactories.object().add("articles", list).build();
        return Json2.str(gateway.call(accountId, MaterialApi.class, (api, token) -> api.draftAdd(token, body)), "media_id");
    }

    @Override
    public List<Article> draft(UUID accountId, String mediaId) {
        JsonObject body = JsonFactories.object().add("media_id", mediaId).build();
        return articles(gateway.call(accountId, MaterialApi.class, (api, token) -> api.draftGet(token, body)).getJsonArray("news_item"));
    }

    @Override
    public void updateDraft(UUID accountId, String mediaId, int index, Article article) {
        app.fanmail.wechat.domain.WeChatRules.requireArticle(article, "article.");
        JsonObject body = JsonFactories.object().add("media_id", mediaId).add("index", index).add("articles", article(article)).build();
        gateway.call(accountId, MaterialApi.class, (api, token) -> api.draftUpdate(token, body));
    }

    @Override
    public DraftPage drafts(UUID accountId, int offset, int count) {
        JsonObject body = JsonFactories.object().add("offset", offset).add("count", Math.max(1, Math.min(20, count))).add("no_content", 0).build();
        JsonObject a = gateway.call(accountId, MaterialApi.class, (api, token) -> api.draftBatchGet(token, body));
        List<Draft> items = new ArrayList<>();
        for (JsonValue v : Json2.arr(a, "item")) {
            JsonObject d = v.asJsonObject();
            items.add(new Draft(Json2.str(d, "media_id"), Instant.ofEpochSecond(Json2.num(d, "update_time", 0)),
                    articles(Json2.obj(d, "content").getJsonArray("news_item"))));
        }
        return new DraftPage(Json2.num(a, "total_count", items.size()), items);
    }

    @Override
    public void deleteDraft(UUID accountId, String mediaId) {
        JsonObject body = JsonFactories.object().add("media_id", mediaId).build();
        gateway.call(accountId, MaterialApi.class, (api, token) -> api.draftDelete(token, body));
    }

    @Override
    public long draftCount(UUID accountId) {
        JsonObject a = gateway.call(accountId, MaterialApi.class, MaterialApi::draftCount);
        if (!a.containsKey("total_count")) {
            throw new WeChatException(WeChatException.Kind.OTHER, 0, "WeChat answered draft/count without total_count", null);
        }
        return Json2.num(a, "total_count", 0);
    }

    @Override
    public String massVideo(UUID accountId, String videoMediaId, String title, String description) {
        JsonObject body = JsonFactories.object().add("media_id", videoMediaId).add("title", title == null ? "" : title)
                .add("description", description == null ? "" : description).build();
        return Json2.str(gateway.call(accountId, MaterialApi.class, (api, token) -> api.uploadVideo(token, body)), "media_id");
    }

    private static JsonObject article(Article a) {
        return JsonFactories.object().add("title", a.title()).add("author", nz(a.author())).add("digest", nz(a.digest()))
                .add("content", nz(a.content())).add("content_source_url", nz(a.contentSourceUrl())).add("thumb_media_id", nz(a.thumbMediaId()))
                .add("need_open_comment", a.openComment() ? 1 : 0).add("only_fans_can_comment", a.onlyFansCanComment() ? 1 : 0).build();
    }

    private static List<Article> articles(jakarta.json.JsonArray items) {
        List<Article> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (JsonValue v : items) {
            out.add(articleOf(v.asJsonObject()));
        }
        return out;
    }

    static Article articleOf(JsonObject a) {
        return new Article(Json2.str(a, "title"), Json2.str(a, "author"), Json2.str(a, "digest"), Json2.str(a, "content"),
                Json2.str(a, "content_source_url"), Json2.str(a, "thumb_media_id"), Json2.num(a, "need_open_comment", 0) == 1,
                Json2.num(a, "only_fans_can_comment", 0) == 1);
    }

    private static EntityPart file(String fileName, String contentType, byte[] content) {
        try {
            return EntityPart.withName("media").fileName(fileName)
                    .mediaType(contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType)
                    .content(new ByteArrayInputStream(content)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EntityPart text(String name, String value) {
        try {
            return EntityPart.withName(name).mediaType(MediaType.TEXT_PLAIN_TYPE).content(value).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
