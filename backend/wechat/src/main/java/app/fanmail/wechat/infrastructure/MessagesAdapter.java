package app.fanmail.wechat.infrastructure;

import java.util.Set;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatMessages;
import app.fanmail.wechat.infrastructure.WeChatRestClients.MessageApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** {@link WeChatMessages} over WeChat's customer-service and mass APIs. */
@ApplicationScoped
public class MessagesAdapter implements WeChatMessages {
    /** clientmsgid already used within 24 h: WeChat answers with the existing job. */
    static final int DUPLICATE_CLIENT_MSG_ID = 45065;

    /** WeChat's ten-thousands per minute of each speed level, for answers that lack {@code realspeed}. */
    private static final int[] TEN_THOUSANDS_PER_MINUTE = {80, 60, 45, 30, 10};

    @Inject
    WeChatGateway gateway;
    @Inject
    app.fanmail.accounts.api.AccountDirectory accounts;
    @Inject
    app.fanmail.wechat.application.MassPreviewQuota previewQuota;

    @Override
    public void sendServiceMessage(UUID accountId, String openid, ServiceContent content, String kfAccount) {
        JsonObject built = serviceBody(openid, content, kfAccount);
        gateway.call(accountId, MessageApi.class, (api, token) -> api.customSend(token, built));
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> sendServiceMessageAsync(UUID accountId, String openid, ServiceContent content,
                                                                            String kfAccount) {
        JsonObject built = serviceBody(openid, content, kfAccount);
        return gateway.postAsync(accountId, "/cgi-bin/message/custom/send", built).thenApply(a -> null);
    }

    private static JsonObject serviceBody(String openid, ServiceContent content, String kfAccount) {
        JsonObjectBuilder body = JsonFactories.object().add("touser", openid);
        serviceContent(body, content);
        if (kfAccount != null) {
            body.add("customservice", JsonFactories.object().add("kf_account", kfAccount));
        }
        return body.build();
    }

    static void serviceContent(JsonObjectBuilder b, ServiceContent content) {
        if (content instanceof ServiceContent.Text t) {
            b.add("msgtype", "text").add("text", JsonFactories.object().add("content", t.content()));
        } else if (content instanceof ServiceContent.Image i) {
            b.add("msgtype", "image").add("image", JsonFactories.object().add("media_id", i.mediaId()));
        } else if (content instanceof ServiceContent.Voice v) {
            b.add("msgtype", "voice").add("voice", JsonFactories.object().add("media_id", v.mediaId()));
        } else if (content instanceof ServiceContent.Video v) {
            b.add("msgtype", "video").add("video", JsonFactories.object().add("media_id", v.mediaId())
                    .add("thumb_media_id", nz(v.thumbMediaId())).add("title", nz(v.title())).add("description", nz(v.description())));
        } else if (content instanceof ServiceContent.Music m) {
            b.add("msgtype", "music").add("music", JsonFactories.object().add("title", nz(m.title())).add("description", nz(m.description()))
                    .add("musicurl", nz(m.musicUrl())).add("hqmusicurl", nz(m.hqMusicUrl())).add("thumb_media_id", nz(m.thumbMediaId())));
        } else if (content instanceof ServiceContent.News n) {
            b.add("msgtype", "news").add("news", JsonFactories.object().add("articles", JsonFactories.array().add(
                    JsonFactories.object().add("title", nz(n.title())).add("description", nz(n.description()))
                            .add("url", nz(n.url())).add("picurl", nz(n.picUrl())))));
        } else if (content instanceof ServiceContent.MpNews n) {
            b.add("msgtype", "mpnews").add("mpnews", JsonFactories.object().add("media_id", n.mediaId()));
        } else if (content instanceof ServiceContent.MpNewsArticle a) {
            b.add("msgtype", "mpnewsarticle").add("mpnewsarticle", JsonFactories.object().add("article_id", a.articleId()));
        } else if (content instanceof ServiceContent.Card c) {
            b.add("msgtype", "wxcard").add("wxcard", JsonFactories.object().add("card_id", c.cardId()));
        } else if (content instanceof ServiceContent.MiniProgramPage p) {
            b.add("msgtype", "miniprogrampage").add("miniprogrampage", JsonFactories.object().add("title", nz(p.title()))
                    .add("appid", p.appId()).add("pagepath", nz(p.pagePath())).add("thumb_media_id", nz(p.thumbMediaId())));
        } else if (content instanceof ServiceContent.Menu m) {
            JsonArrayBuilder list = JsonFactories.array();
            m.items().forEach(i -> list.add(JsonFactories.object().add("id", i.id()).add("content", i.content())));
            b.add("msgtype", "msgmenu").add("msgmenu", JsonFactories.object().add("head_content", nz(m.head()))
                    .add("list", list).add("tail_content", nz(m.tail())));
        }
    }

    @Override
    public MassJob sendMass(UUID accountId, Audience audience, MassContent content, String clientMsgId, boolean continueIfReprint) {
        JsonObjectBuilder body = JsonFactories.object();
        boolean byOpenids = audience instanceof Audience.Openids;
        if (audience instanceof Audience.Openids o) {
            app.fanmail.wechat.domain.WeChatRules.requireMassToOpenids(accounts.find(accountId).map(v -> v.type()).orElse(null), o.openids().size());
            JsonArrayBuilder list = JsonFactories.array();
            o.openids().forEach(list::add);
            body.add("touser", list);
        } else if (audience instanceof Audience.Tag t) {
            body.add("filter", JsonFactories.object().add("is_to_all", false).add("tag_id", t.tagId()));
        } else {
            body.add("filter", JsonFactories.object().add("is_to_all", true));
        }
        massContent(body, content);
        body.add("send_ignore_reprint", continueIfReprint ? 1 : 0);
        if (clientMsgId != null) {
            body.add("clientmsgid", clientMsgId);
        }
        JsonObject built = body.build();
        JsonObject a = gateway.call(accountId, MessageApi.class,
                (api, token) -> byOpenids ? api.massSend(token, built) : api.massSendAll(token, built), Set.of(DUPLICATE_CLIENT_MSG_ID));
        return new MassJob(Json2.str(a, "msg_id"), Json2.str(a, "msg_data_id"));
    }

    @Override
    public MassJob sendMass(UUID accountId, Audience audience, MassContent content, String clientMsgId, boolean continueIfReprint,
                           java.time.Instant clientMsgIdFirstUsedAt) {
        if (clientMsgId == null || clientMsgIdFirstUsedAt == null) {
            throw new IllegalArgumentException("A resend needs the clientMsgId and the time it was first used");
        }
        gateway.requireInsideWindow(clientMsgIdFirstUsedAt, MASS_CLIENT_MSG_ID_WINDOW);
        return sendMass(accountId, audience, content, clientMsgId, continueIfReprint);
    }

    static void massContent(JsonObjectBuilder b, MassContent content) {
        if (content instanceof MassContent.Text t) {
            b.add("msgtype", "text").add("text", JsonFactories.object().add("content", t.content()));
        } else if (content instanceof MassContent.News n) {
            b.add("msgtype", "mpnews").add("mpnews", JsonFactories.object().add("media_id", n.mediaId()));
        } else if (content instanceof MassContent.Images i) {
            JsonArrayBuilder ids = JsonFactories.array();
            i.mediaIds().forEach(ids::add);
            JsonObjectBuilder images = JsonFactories.object().add("media_ids", ids);
            if (i.recommend() != null) {
                images.add("recommend", i.recommend());
            }
            b.add("msgtype", "image").add("images", images);
        } else if (content instanceof MassContent.Voice v) {
            b.add("msgtype", "voice").add("voice", JsonFactories.object().add("media_id", v.mediaId()));
        } else if (content instanceof MassContent.Video v) {
            b.add("msgtype", "mpvideo").add("mpvideo", JsonFactories.object().add("media_id", v.mpVideoMediaId()));
        } else if (content instanceof MassContent.Card c) {
            b.add("msgtype", "wxcard").add("wxcard", JsonFactories.object().add("card_id", c.cardId()));
        }
    }

    @Override
    public void previewMass(UUID accountId, String openid, MassContent content) {
        JsonObjectBuilder body = JsonFactories.object().add("touser", openid);
        massContent(body, content);
        JsonObject built = body.build();
        gateway.call(accountId, MessageApi.class, (api, token) -> api.massPreview(token, built));
    }

    @Override
    public void previewMassToWeChatId(UUID accountId, String weChatId, MassContent content) {
        if (weChatId == null || weChatId.isBlank()) {
            throw new IllegalArgumentException("A WeChat id is required");
        }
        JsonObjectBuilder body = JsonFactories.object().add("towxname", weChatId);
        massContent(body, content);
        JsonObject built = body.build();
        if (!previewQuota.claim(accountId)) {
            throw app.fanmail.wechat.domain.WeChatRules.previewLimitReached();
        }
        gateway.call(accountId, MessageApi.class, (api, token) -> api.massPreview(token, built));
    }

    @Override
    public void deleteMass(UUID accountId, String msgId, int articleIdx) {
        JsonObject body = JsonFactories.object().add("msg_id", new java.math.BigInteger(msgId)).add("article_idx", articleIdx).build();
        gateway.call(accountId, MessageApi.class, (api, token) -> api.massDelete(token, body));
    }

    @Override
    public String massStatus(UUID accountId, String msgId) {
        JsonObject body = JsonFactories.object().add("msg_id", new java.math.BigInteger(msgId)).build();
        return Json2.str(gateway.call(accountId, MessageApi.class, (api, token) -> api.massGet(token, body)), "msg_status");
    }

    @Override
    public MassSpeed massSpeed(UUID accountId) {
        JsonObject body = JsonFactories.object().build();
        return massSpeedOf(gateway.call(accountId, MessageApi.class, (api, token) -> api.massSpeedGet(token, body)));
    }

    /** {@code speed} is the level; {@code realspeed} the rate in ten-thousands per minute. */
    static MassSpeed massSpeedOf(JsonObject answer) {
        long level = Json2.num(answer, "speed", -1);
        if (level < 0 || level >= TEN_THOUSANDS_PER_MINUTE.length) {
            throw new WeChatException(WeChatException.Kind.OTHER, 0, "WeChat answered mass/speed/get with speed " + Json2.str(answer, "speed"), null);
        }
        long real = Json2.num(answer, "realspeed", TEN_THOUSANDS_PER_MINUTE[(int) level]);
        return new MassSpeed((int) level, real * 10_000);
    }

    @Override
    public void setMassSpeed(UUID accountId, int speed) {
        if (speed < 0 || speed > 4) {
            throw new IllegalArgumentException("speed is 0..4");
        }
        JsonObject body = JsonFactories.object().add("speed", speed).build();
        gateway.call(accountId, MessageApi.class, (api, token) -> api.massSpeedSet(token, body));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
