package app.fanmail.sandbox.world;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import app.fanmail.sandbox.crypto.Signatures;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Mass messages: sendall (all / tag), send (2..10,000 openids), preview, delete, get, speed.
 * Quotas: service accounts 100 calls a day and 4 messages per fan per calendar month (fans over the cap are
 * filtered), subscription accounts 1 a day (45028); sendall 60 a minute; clientmsgid remembered 24 h (45065).
 */
final class MassApi {

    private MassApi() {
    }

    /** A parsed mass message; {@code draftId} is the draft an mpnews message sends (it leaves the draft box). */
    record Message(String msgtype, String summary, String canonical, int articleCount, String draftId) {

        Message(String msgtype, String summary, String canonical, int articleCount) {
            this(msgtype, summary, canonical, articleCount, null);
        }
    }

    static Message parse(Account acc, JsonObject body, long now) {
        String type = J.str(body, "msgtype");
        if (type == null) {
            throw Err.invalidMessageType();
        }
        MediaStore media = acc.media;
        switch (type) {
            case "mpnews" -> {
                JsonObject p = J.obj(body, "mpnews");
                MediaStore.Draft d = MediaApi.requireDraft(acc, J.str(p, "media_id"));
                return new Message(type, "mpnews: " + J.cut(J.str(d.articles.get(0), "title"), 30), "mpnews:" + d.id,
                        d.articles.size(), d.id);
            }
            case "text" -> {
                String content = J.str(J.obj(body, "text"), "content");
                if (content == null || content.isEmpty()) {
                    throw Err.emptyContent();
                }
                return new Message(type, "text: " + J.cut(content, 60), "text:" + content, 0);
            }
            case "voice" -> {
                String id = J.str(J.obj(body, "voice"), "media_id");
                media.requirePermanent(id, now, "voice"); // "需通过素材管理->新增素材来得到": permanent only
                return new Message(type, "voice: " + id, "voice:" + id, 0);
            }
            case "image" -> {
                JsonObject images = J.obj(body, "images");
                List<String> ids = images != null ? J.strings(J.arr(images, "media_ids"))
                        : J.obj(body, "image") != null ? List.of(String.valueOf(J.str(J.obj(body, "image"), "media_id")))
                        : List.of();
                if (ids.isEmpty()) {
                    throw Err.invalidMediaId();
                }
                for (String id : ids) {
                    media.requirePermanent(id, now, "image");
                }
                return new Message(type, "image: " + ids.size() + " image(s)", "image:" + String.join(",", ids), 0);
            }
            case "mpvideo" -> {
                String id = J.str(J.obj(body, "mpvideo"), "media_id");
                MediaStore.Media m = media.find(id, now, "mpvideo");
                if (m == null) {
                    m = media.find(id, now, "video");
                    if (m == null || !m.permanent) {
                        throw Err.invalidMediaId();
                    }
                }
                return new Message(type, "mpvideo: " + J.cut(m.title, 30), "mpvideo:" + id, 1);
            }
            case "wxcard" -> {
                String card = J.str(J.obj(body, "wxcard"), "card_id");
                if (card == null || card.isEmpty()) {
                    throw Err.argumentInvalid("card_id is empty");
                }
                return new Message(type, "wxcard: " + card, "wxcard:" + card, 0);
            }
            default -> throw Err.invalidMessageType();
        }
    }

    static JsonObject sendAll(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        requireAuthorized(acc);
        JsonObject filter = J.obj(body, "filter");
        boolean toAll = J.bool(filter, "is_to_all", false);
        long now = world.clock().millis();
        MassJob job;
        synchronized (acc) {
            Message msg = parse(acc, body, now);
            BitSet scope;
            String scopeKey;
            if (toAll) {
                scope = (BitSet) acc.fans.subscribedView().clone();
                scopeKey = "all";
            } else {
                long tagId = J.lng(filter, "tag_id", -1);
                FanStore.Tag tag = tagId < 0 || tagId > Integer.MAX_VALUE ? null : acc.fans.tag((int) tagId);
                if (tag == null) {
                    throw Err.invalidTagIdForMass();
                }
                scope = (BitSet) tag.members.clone();
                scope.and(acc.fans.subscribedView());
                scopeKey = "tag:" + tagId;
            }
            job = accept(world, acc, body, msg, scope, scope.cardinality(), scopeKey, "sendall", now);
            leaveDraftBox(acc, msg);
        }
        scheduleFinish(world, acc, job);
        return submitted(job);
    }

    /**
     * Mass send by openid list: "订阅号不可用，服务号认证后可用" (WeChat's mass doc), so a subscription account gets 48001.
     */
    static JsonObject send(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        requireAuthorized(acc);
        if (acc.config().type() != AccountType.SERVICE) {
            throw Err.apiUnauthorized();
        }
        JsonArray touser = J.arr(body, "touser");
        List<String> openids = J.strings(touser);
        if (openids.size() < 2) {
            throw Err.openidListTooShort();
        }
        if (openids.size() > 10_000) {
            throw Err.openidListTooLong();
        }
        long now = world.clock().millis();
        MassJob job;
        synchronized (acc) {
            Message msg = parse(acc, body, now);
            BitSet listed = new BitSet();
            TreeSet<String> sorted = new TreeSet<>();
            for (String openid : openids) {
                listed.set(acc.fans.require(openid));
                sorted.add(openid);
            }
            int total = listed.cardinality();
            listed.and(acc.fans.subscribedView());
            String scopeKey = "openids:" + Signatures.sha1Hex(String.join(",", sorted).getBytes(StandardCharsets.UTF_8));
            job = accept(world, acc, body, msg, listed, total, scopeKey, "send", now);
            leaveDraftBox(acc, msg);
        }
        scheduleFinish(world, acc, job);
        return submitted(job);
    }

    /** "上传到草稿箱中的素材被群发或发布后，该素材将从草稿箱中移除" (draft/add doc): an accepted mass send takes the draft. */
    private static void leaveDraftBox(Account acc, Message msg) {
        if (msg.draftId() != null) {
            acc.media.drafts.remove(msg.draftId());
        }
    }

    private static void requireAuthorized(Account acc) {
        if (!acc.config().verified()) {
            throw Err.apiUnauthorized();
        }
    }

    private static JsonObject submitted(MassJob job) {
        JsonObjectBuilder b = Jsons.object().add("errcode", 0).add("errmsg", "send job submission success")
                .add("msg_id", job.msgId);
        if (job.msgDataId != null) {
            b.add("msg_data_id", job.msgDataId);
        }
        return b.build();
    }

    /** Under the account lock: clientmsgid, quotas, filtering, and the job. */
    private static MassJob accept(World world, Account acc, JsonObject body, Message msg, BitSet audience,
                                  int totalCount, String scopeKey, String api, long now) {
        MassState mass = acc.mass;
        Limits limits = acc.limits();
        String cmid = J.str(body, "clientmsgid");
        boolean explicit = cmid != null && !cmid.isEmpty();
        if (explicit && cmid.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw Err.clientMsgIdTooLong();
        }
        String key = explicit ? cmid : limits.implicitClientMsgId()
                ? "auto:" + Signatures.sha1Hex((scopeKey + "|" + msg.canonical()).getBytes(StandardCharsets.UTF_8))
                : null;
        if (key != null) {
            MassState.Known known = mass.known(key, now);
            if (known != null) {
                throw Err.clientMsgIdExists(known.msgId());
            }
            Long failedAt = mass.failedAttempts.get(key);
            if (failedAt != null && now - failedAt < MassState.RETRY_TOO_FAST_MS) {
                throw Err.clientMsgIdRetryTooFast();
            }
        }
        try {
            if (acc.faults.quotaExhausted("mass")) {
                throw Err.noMassQuota();
            }
            if (api.equals("sendall") && mass.sendallRateExceeded(now, limits.sendallPerMinute())) {
                throw Err.minuteQuota();
            }
            if (!mass.daily.tryAcquire(limits.massDailyQuota(acc.config().type()), world.clock().today())) {
                throw Err.noMassQuota();
            }
        } catch (WeChatException e) {
            if (key != null) {
                mass.failedAttempts.put(key, now);
            }
            throw e;
        }
        audience.andNot(acc.fans.refusingView());
        if (acc.config().type() == AccountType.SERVICE) {
            YearMonth month = world.clock().month();
            int cap = limits.massPerFanMonthly();
            for (int i = audience.nextSetBit(0); i >= 0; i = audience.nextSetBit(i + 1)) {
                if (acc.fans.massCount(i, month) >= cap) {
                    audience.clear(i);
                } else {
                    acc.fans.addMass(i, month, 1);
                }
            }
        }
        long msgId = world.ids().massMsgId();
        Long msgDataId = msg.msgtype().equals("mpnews") ? msgId + 1_000_000_000L : null;
        MassJob job = new MassJob(msgId, msgDataId, api, msg.msgtype(), explicit ? cmid : key, explicit, msg.summary(),
                msg.articleCount(), now, totalCount, audience);
        job.ignoreReprint = J.lng(body, "send_ignore_reprint", 0) == 1;
        mass.jobs.put(msgId, job);
        acc.ledger.addMass(job);
        if (key != null) {
            mass.clientMsgIds.put(key, new MassState.Known(msgId, now));
            mass.failedAttempts.remove(key);
        }
        return job;
    }

    private static void scheduleFinish(World world, Account acc, MassJob job) {
        world.laterAsync(acc.outcomes.pushDelayMs(), () -> finish(world, acc, job), () -> finish(world, acc, job));
    }

    static CompletionStage<?> finish(World world, Account acc, MassJob job) {
        String xml;
        AccountConfig cfg = acc.config();
        synchronized (acc) {
            if (job.done || acc.gate.holdMassJob(world, acc, job)) {
                return CompletableFuture.completedFuture(null);
            }
            double rate = acc.outcomes.massErrorRate();
            YearMonth month = world.clock().month();
            if (job.msgtype.equals("mpnews")) {
                job.checkState = acc.outcomes.massCheckState();
                if (job.checkState == 3) {
                    job.failStatus = "err(30002)";
                } else if (job.checkState == 2 && !job.ignoreReprint) {
                    job.failStatus = "err(30003)";
                }
            }
            FaultGate.auditFailure(acc, job);
            if (job.failStatus != null) {
                // stopped by the originality check: nobody receives it, the monthly per-fan count is given back
                job.errors.or(job.audience);
                if (cfg.type() == AccountType.SERVICE) {
                    for (int i = job.audience.nextSetBit(0); i >= 0; i = job.audience.nextSetBit(i + 1)) {
                        acc.fans.addMass(i, month, -1);
                    }
                }
            } else if (rate > 0) {
                for (int i = job.audience.nextSetBit(0); i >= 0; i = job.audience.nextSetBit(i + 1)) {
                    if (acc.random.nextDouble() < rate) {
                        job.errors.set(i);
                        if (cfg.type() == AccountType.SERVICE) {
                            acc.fans.addMass(i, month, -1);
                        }
                    }
                }
            }
            job.errorCount = job.errors.cardinality();
            job.sentCount = job.filterCount() - job.errorCount;
            job.finishedAtMillis = world.clock().millis();
            job.done = true;
            xml = finishXml(world, acc, job);
        }
        if (cfg.target().hasUrl()) {
            return world.pushAsync(acc, "MASSSENDJOBFINISH", acc.fans.operatorOpenid(), xml);
        }
        return CompletableFuture.completedFuture(null);
    }

    private static String finishXml(World world, Account acc, MassJob job) {
        Xml x = new Xml().text("ToUserName", acc.config().originalId()).text("FromUserName", acc.fans.operatorOpenid())
                .num("CreateTime", world.clock().seconds()).text("MsgType", "event")
                .text("Event", "MASSSENDJOBFINISH").num("MsgID", job.msgId)
                .text("Status", job.failStatus != null ? job.failStatus
                        : job.sentCount == 0 && job.filterCount() > 0 ? "send fail" : "send success")
                .num("TotalCount", job.totalCount).num("FilterCount", job.filterCount())
                .num("SentCount", FaultGate.reportedSentCount(acc, job)).num("ErrorCount", job.errorCount);
        if (job.checkState == 1) {
            x.open("CopyrightCheckResult").num("Count", 0).raw("ResultList", "").num("CheckState", 1)
                    .close("CopyrightCheckResult");
        } else {
            x.open("CopyrightCheckResult").num("Count", job.articleCount).open("ResultList");
            for (int i = 1; i <= job.articleCount; i++) {
                x.open("item").num("ArticleIdx", i).num("UserDeclareState", 0).num("AuditState", 2)
                        .text("OriginalArticleUrl", "http://mp.weixin.qq.com/s?__biz=original&idx=" + i)
                        .num("OriginalArticleType", 1).num("CanReprint", job.checkState == 2 ? 1 : 0)
                        .num("NeedReplaceContent", 1).num("NeedShowReprintSource", 1).close("item");
            }
            x.close("ResultList").num("CheckState", job.checkState).close("CopyrightCheckResult");
        }
        if (job.msgtype.equals("mpnews") && job.failStatus == null) {
            x.open("ArticleUrlResult").num("Count", job.articleCount).open("ResultList");
            for (int i = 1; i <= job.articleCount; i++) {
                x.open("item").num("ArticleIdx", i).text("ArticleUrl", "http://mp.weixin.qq.com/s?__biz=sandbox&mid="
                        + job.msgDataId + "&idx=" + i + "&sn=" + Long.toHexString(job.msgId * 31 + i) + "#rd")
                        .close("item");
            }
            x.close("ResultList").close("ArticleUrlResult");
        }
        return x.build();
    }

    static JsonObject preview(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        requireAuthorized(acc);
        String openid = J.str(body, "touser");
        String wxname = J.str(body, "towxname");
        long now = world.clock().millis();
        synchronized (acc) {
            Message msg = parse(acc, body, now);
            int fan = -1;
            if (wxname == null || wxname.isEmpty()) {
                fan = acc.fans.require(openid);
                if (!acc.fans.isSubscribed(fan)) {
                    throw Err.requireSubscribe();
                }
                wxname = null;
            }
            // the daily limit is on previews to a WeChat id; previews to an openid are not limited (mass preview doc:
            // "在保留对openID预览能力的同时，增加了对指定微信号发送预览的能力，但该能力每日调用次数有限制（100次）")
            if (wxname != null && (acc.faults.quotaExhausted("preview")
                    || !acc.mass.previewDaily.tryAcquire(acc.limits().previewDailyQuota(), world.clock().today()))) {
                throw Err.dailyQuota();
            }
            long msgId = world.ids().massMsgId();
            acc.ledger.add(now, Ledger.Kind.PREVIEW, fan, wxname, msgId, null, msg.msgtype(), msg.summary(),
                    "delivered");
            return Jsons.object().add("errcode", 0).add("errmsg", "preview success").add("msg_id", msgId)
                    .build();
        }
    }

    static JsonObject delete(Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        long msgId = J.lng(body, "msg_id", -1);
        long idx = J.lng(body, "article_idx", 0);
        synchronized (acc) {
            MassJob job = acc.mass.jobs.get(msgId);
            // "只有通过 api 发送的并且已经发送成功的消息才能删除" (mass/delete doc); WeChat answers 40059 invalid msg id
            if (job == null || !(job.msgStatus().equals("SEND_SUCCESS") || job.msgStatus().equals("DELETE"))) {
                throw Err.of(40059, "invalid msg id");
            }
            if (!job.msgtype.equals("mpnews") && !job.msgtype.equals("mpvideo")) {
                throw Err.invalidMessageType();
            }
            if (idx < 0 || idx > job.articleCount) {
                throw Err.invalidArticleIdx();
            }
            if (idx == 0) {
                job.deleted = true;
            } else {
                job.deletedArticles.add((int) idx);
                if (job.deletedArticles.size() >= job.articleCount) {
                    job.deleted = true;
                }
            }
        }
        return WeChatApi.ok();
    }

    static JsonObject get(Account acc, ApiCall call) {
        long msgId = J.lng(call.requireJson(), "msg_id", -1);
        synchronized (acc) {
            MassJob job = acc.mass.jobs.get(msgId);
            if (job == null) {
                throw Err.of(40007, "invalid msg_id");
            }
            return Jsons.object().add("msg_id", job.msgId).add("msg_status", job.msgStatus()).build();
        }
    }

    static JsonObject speedGet(Account acc, ApiCall call) {
        synchronized (acc) {
            int s = acc.mass.speed;
            return Jsons.object().add("speed", s).add("realspeed", MassState.SPEEDS_WAN_PER_MINUTE[s]).build();
        }
    }

    static JsonObject speedSet(Account acc, ApiCall call) {
        Long speed = J.lngOrNull(call.requireJson(), "speed");
        if (speed == null) {
            throw Err.speedMissing();
        }
        if (speed < 0 || speed > 4) {
            throw Err.invalidSpeed();
        }
        synchronized (acc) {
            acc.mass.speed = speed.intValue();
        }
        return WeChatApi.ok();
    }
}
