package app.fanmail.sandbox.world;

import app.fanmail.sandbox.push.CallbackPusher;
import app.fanmail.sandbox.push.PushRecord;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's own control surface (accounts, fans, faults, outcomes, categories, private templates, simulation,
 * ledger, pushes, clock).
 */
public final class ControlApi {

    private final World world;
    private final WeChatApi api;

    public ControlApi(World world, WeChatApi api) {
        this.world = world;
        this.api = api;
    }

    /** Parses a control request body ({} when empty); 400 when it is not a JSON object. */
    public static JsonObject parse(String body) {
        try {
            return J.parse(body);
        } catch (WeChatException e) {
            throw new ControlException(400, "the body must be a JSON object");
        }
    }

    // ------------------------------------------------------------ health, reset, clock

    public JsonObject health() {
        return Jsons.object().add("status", "UP").add("accounts", world.accounts().size())
                .add("tokens", world.tokenCount()).add("clock", clockJson())
                .add("dispatcher", Jsons.object().add("queued", world.dispatcher().queued())
                        .add("inFlight", world.dispatcher().inFlight())
                        .add("maxConcurrency", world.dispatcher().maxConcurrency())
                        .add("completed", world.dispatcher().completed())
                        .add("rejected", world.dispatcher().rejected()))
                .add("apis", api.paths().size()).build();
    }

    public JsonObject reset() {
        world.reset();
        return Jsons.object().add("reset", true).build();
    }

    public JsonObject clockJson() {
        SandboxClock c = world.clock();
        return Jsons.object().add("epochMillis", c.millis()).add("iso", c.now().toString())
                .add("china", c.now().atZone(SandboxClock.CHINA).toLocalDateTime().toString())
                .add("offsetMillis", c.offsetMillis()).build();
    }

    /** {@code {advanceSeconds}}, {@code {set: ISO instant}} or {@code {reset: true}}. */
    public JsonObject clock(JsonObject body) {
        SandboxClock c = world.clock();
        if (J.bool(body, "reset", false)) {
            c.reset();
        }
        String set = J.str(body, "set");
        if (set != null) {
            try {
                c.set(Instant.parse(set));
            } catch (DateTimeParseException e) {
                throw new ControlException(400, "set must be an ISO-8601 instant such as 2026-01-31T15:50:00Z");
            }
        }
        long advance = J.lng(body, "advanceSeconds", 0);
        if (advance < 0) {
            throw new ControlException(400, "the clock only moves forward (use reset or set)");
        }
        c.advance(Duration.ofSeconds(advance));
        for (Account acc : world.accounts()) {
            acc.gate.releaseDueMassJobs(world, acc);
        }
        return clockJson();
    }

    // ------------------------------------------------------------ accounts

    public JsonObject putAccount(JsonObject body) {
        AccountConfig config = AccountConfig.fromJson(body);
        CallbackPusher.Verification v = verifyIfAsked(body, config);
        Account acc = world.putAccount(config);
        if (v != null) {
            acc.gate.callbackVerification = verificationJson(v);
        }
        return describe(acc);
    }

    /**
     * With {@code "verifyCallbackUrl": true} in an account body, the sandbox sends WeChat's URL-verification GET to
     * the new {@code callbackUrl} first; when the receiver does not echo the {@code echostr}, the configuration is
     * refused (409) as WeChat refuses to save it, and nothing changes.
     */
    private CallbackPusher.Verification verifyIfAsked(JsonObject body, AccountConfig config) {
        if (!J.bool(body, "verifyCallbackUrl", false)) {
            return null;
        }
        if (!config.target().hasUrl()) {
            throw new ControlException(400, "verifyCallbackUrl needs a callbackUrl");
        }
        CallbackPusher.Verification v = world.pusher().verifyUrl(config.target());
        if (!v.ok()) {
            Account existing = world.findAccount(config.appId());
            if (existing != null) {
                existing.gate.callbackVerification = verificationJson(v);
            }
            throw new ControlException(409, "URL verification failed (" + v.error() + "): WeChat refuses to save "
                    + "this server configuration");
        }
        return v;
    }

    private static JsonObject verificationJson(CallbackPusher.Verification v) {
        JsonObjectBuilder b = Jsons.object().add("url", v.url()).add("at", v.atMillis()).add("ok", v.ok())
                .add("httpStatus", v.httpStatus()).add("echostr", v.echostr());
        b.add("reply", v.reply() == null ? "" : v.reply());
        b.add("error", v.error() == null ? "" : v.error());
        return b.build();
    }

    /** Sends the URL verification to the account's current callback URL and records the result. */
    public JsonObject verifyCallback(String appId) {
        Account acc = world.requireAccount(appId);
        if (!acc.config().target().hasUrl()) {
            throw new ControlException(400, "the account has no callbackUrl");
        }
        JsonObject result = verificationJson(world.pusher().verifyUrl(acc.config().target()));
        acc.gate.callbackVerification = result;
        return result;
    }

    /** Changes configuration fields (e.g. callbackUrl, encryptionMode, limits) and keeps the state. */
    public JsonObject patchAccount(String appId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        if (body.containsKey("appId") && !appId.equals(J.str(body, "appId"))) {
            throw new ControlException(400, "appId cannot change");
        }
        AccountConfig next = AccountConfig.merge(acc.config(), body);
        CallbackPusher.Verification v = verifyIfAsked(body, next);
        acc.config(next);
        if (v != null) {
            acc.gate.callbackVerification = verificationJson(v);
        }
        return describe(acc);
    }

    public JsonObject getAccount(String appId) {
        return describe(world.requireAccount(appId));
    }

    public JsonObject listAccounts() {
        JsonArrayBuilder out = Jsons.array();
        for (Account a : world.accounts()) {
            out.add(Jsons.object().add("appId", a.appId()).add("type", a.config().type().name())
                    .add("fans", a.fans.subscribedCount()).add("callbackUrl", nn(a.config().callbackUrl())));
        }
        return Jsons.object().add("accounts", out).build();
    }

    public JsonObject deleteAccount(String appId) {
        if (!world.removeAccount(appId)) {
            throw new ControlException(404, "no account " + appId);
        }
        return Jsons.object().add("deleted", appId).build();
    }

    private JsonObject describe(Account acc) {
        LocalDate today = world.clock().today();
        long now = world.clock().millis();
        synchronized (acc) {
            AccountConfig cfg = acc.config();
            JsonObjectBuilder tokens = Jsons.object()
                    .add("issuedToday", acc.tokenDaily.used(today))
                    .add("forceRefreshedToday", acc.forceRefreshDaily.used(today));
            if (acc.latestToken != null) {
                tokens.add("latestExpiresIn", Math.max(0, (acc.latestToken.expiresAt - now) / 1000));
            }
            if (acc.stableToken != null) {
                tokens.add("stableExpiresIn", Math.max(0, (acc.stableToken.expiresAt - now) / 1000));
            }
            JsonArrayBuilder cats = Jsons.array();
            acc.templates.categories.forEach(cats::add);
            return Jsons.object(cfg.toJson())
                    .add("state", Jsons.object()
                            .add("fans", acc.fans.size())
                            .add("followers", acc.fans.subscribedCount())
                            .add("tags", acc.fans.tags().size())
                            .add("templates", acc.templates.templates.size())
                            .add("categories", cats)
                            .add("media", acc.media.media.size())
                            .add("drafts", acc.media.drafts.size())
                            .add("massJobs", acc.mass.jobs.size())
                            .add("templateSentToday", acc.templates.daily.used(today))
                            .add("massCallsToday", acc.mass.daily.used(today))
                            .add("customSentToday", acc.customDaily.used(today))
                            .add("tokens", tokens)
                            .add("pushes", acc.pushes.total()))
                    .add("faults", acc.faults.toJson())
                    .add("outcomes", acc.outcomes.toJson())
                    .add("switches", acc.gate.switches.toJson())
                    .add("endpointUsage", acc.gate.usage(world))
                    .add("callbackVerification", acc.gate.callbackVerification == null ? JsonValue.NULL
                            : acc.gate.callbackVerification)
                    .build();
        }
    }

    // ------------------------------------------------------------ fans

    public JsonObject seedFans(String appId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        long count = J.lng(body, "count", 0);
        if (count < 0 || count > 20_000_000) {
            throw new ControlException(400, "count must be within 0..20,000,000");
        }
        long seed = J.lng(body, "seed", 1);
        List<FanStore.TagShare> shares = new ArrayList<>();
        var tags = J.arr(body, "tags");
        if (tags != null) {
            for (JsonValue v : tags) {
                JsonObject t = v.asJsonObject();
                double share = J.dbl(t, "share", 0);
                if (share < 0 || share > 1) {
                    throw new ControlException(400, "tag share must be within 0..1");
                }
                shares.add(new FanStore.TagShare(J.str(t, "name"), share));
            }
        }
        if (shares.size() > acc.limits().tagsPerFan()) {
            throw new ControlException(400, "at most " + acc.limits().tagsPerFan() + " tags can be seeded");
        }
        long t0 = System.nanoTime();
        synchronized (acc) {
            try {
                acc.fans.seed((int) count, seed, shares, world.clock().seconds());
            } catch (WeChatException e) {
                throw new ControlException(400, e.errcode() + " " + e.errmsg());
            }
            acc.kefu.clear();
            acc.mass.clear();
            acc.templates.clientMsgIds.clear();
            acc.ledger.clear();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        JsonArrayBuilder tagOut = Jsons.array();
        synchronized (acc) {
            for (FanStore.Tag t : acc.fans.tags()) {
                tagOut.add(Jsons.object().add("id", t.id).add("name", t.name).add("count", acc.fans.tagCount(t)));
            }
            return Jsons.object().add("appId", appId).add("count", acc.fans.size()).add("seed", seed)
                    .add("firstOpenid", acc.fans.size() > 0 ? acc.fans.openid(0) : "")
                    .add("tags", tagOut).add("timings", Jsons.object().add("seedMillis", ms)).build();
        }
    }

    public JsonObject listFans(String appId, int offset, int limit) {
        Account acc = world.requireAccount(appId);
        long now = world.clock().millis();
        synchronized (acc) {
            FanStore fans = acc.fans;
            JsonArrayBuilder out = Jsons.array();
            int end = (int) Math.min((long) fans.size(), (long) Math.max(0, offset) + Math.max(0, Math.min(limit, 10_000)));
            for (int i = Math.max(0, offset); i < end; i++) {
                out.add(fanJson(acc, i, now));
            }
            return Jsons.object().add("total", fans.size()).add("followers", fans.subscribedCount())
                    .add("offset", offset).add("fans", out).build();
        }
    }

    public JsonObject getFan(String appId, String openid) {
        Account acc = world.requireAccount(appId);
        synchronized (acc) {
            int idx = acc.fans.find(openid);
            if (idx < 0) {
                throw new ControlException(404, "no fan " + openid);
            }
            return fanJson(acc, idx, world.clock().millis());
        }
    }

    /** {@code {subscribed?, refusing?}}: follow/unfollow silently, or make the fan refuse messages. */
    public JsonObject updateFan(String appId, String openid, JsonObject body) {
        Account acc = world.requireAccount(appId);
        synchronized (acc) {
            int idx = acc.fans.find(openid);
            if (idx < 0) {
                throw new ControlException(404, "no fan " + openid);
            }
            if (body.containsKey("subscribed")) {
                if (J.bool(body, "subscribed", true)) {
                    acc.fans.follow(openid, world.clock().seconds(), 0, null);
                } else {
                    acc.fans.unfollow(idx);
                }
            }
            if (body.containsKey("refusing")) {
                acc.fans.setRefusing(idx, J.bool(body, "refusing", false));
            }
            return fanJson(acc, idx, world.clock().millis());
        }
    }

    private JsonObject fanJson(Account acc, int i, long now) {
        FanStore fans = acc.fans;
        JsonArrayBuilder tags = Jsons.array();
        for (int t : fans.tagsOf(i)) {
            tags.add(t);
        }
        return Jsons.object().add("index", i).add("openid", fans.openid(i))
                .add("subscribed", fans.isSubscribed(i)).add("subscribeTime", fans.subscribeTime(i))
                .add("scene", fans.scene(i)).add("refusing", fans.isRefusing(i)).add("tags", tags)
                .add("massThisMonth", fans.massCount(i, world.clock().month()))
                .add("kefuWindows", acc.kefu.describe(i, now)).build();
    }

    // ------------------------------------------------------------ faults, outcomes, categories

    public JsonObject setFaults(String appId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        acc.faults = Faults.fromJson(body);
        return acc.faults.toJson();
    }

    public JsonObject clearFaults(String appId) {
        Account acc = world.requireAccount(appId);
        acc.faults = Faults.NONE;
        return acc.faults.toJson();
    }

    public JsonObject getFaults(String appId) {
        return world.requireAccount(appId).faults.toJson();
    }

    // ------------------------------------------------------------ fault switches, injections, caller IPs

    /** Changes the switches present in the body ({@link Switches}); the others keep their value. */
    public JsonObject setSwitches(String appId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        synchronized (acc.gate) {
            acc.gate.switches = Switches.merge(acc.gate.switches, body);
        }
        return acc.gate.switches.toJson();
    }

    public JsonObject getSwitches(String appId) {
        return world.requireAccount(appId).gate.switches.toJson();
    }

    public JsonObject clearSwitches(String appId) {
        Account acc = world.requireAccount(appId);
        acc.gate.switches = Switches.NONE;
        return acc.gate.switches.toJson();
    }

    /**
     * {@code {api, errcode, count?, rate?, errmsg?}}: the next {@code count} calls (default 1) of the endpoint
     * {@code api} (a path such as {@code cgi-bin/message/template/send}; empty = every endpoint), or a share
     * {@code rate} of them, answer {@code errcode} with WeChat's errmsg from {@link ErrCatalog} without executing.
     */
    public JsonObject inject(String appId, JsonObject body) {
        return world.requireAccount(appId).gate.inject(body);
    }

    public JsonObject injections(String appId) {
        return world.requireAccount(appId).gate.injectionsJson();
    }

    public JsonObject clearInjections(String appId) {
        return world.requireAccount(appId).gate.clearInjections();
    }

    /** {@code {approve: true|false}}: the admin's answer to a caller IP waiting for confirmation (89503). */
    public JsonObject decideIp(String appId, String ip, JsonObject body) {
        if (!body.containsKey("approve")) {
            throw new ControlException(400, "give approve: true or false");
        }
        return world.requireAccount(appId).gate.decideIp(ip, J.bool(body, "approve", false), world.clock().millis());
    }

    public JsonObject ips(String appId) {
        return world.requireAccount(appId).gate.ipsJson(world.clock().millis());
    }

    /** Every errcode the sandbox can inject, with WeChat's errmsg. */
    public JsonObject errcodes() {
        JsonObjectBuilder out = Jsons.object();
        ErrCatalog.all().forEach((code, msg) -> out.add(Integer.toString(code), msg));
        return Jsons.object().add("count", ErrCatalog.all().size()).add("errcodes", out).build();
    }

    /** The per-endpoint table: who may call (48001) and the default daily/minute limits (45009/45011). */
    public JsonObject endpointRules() {
        JsonObjectBuilder out = Jsons.object();
        EndpointRules.all().forEach((path, r) -> out.add(path, Jsons.object().add("access", r.access().name())
                .add("daily", r.daily()).add("minute", r.minute())));
        return Jsons.object().add("endpoints", out).build();
    }

    public JsonObject setOutcomes(String appId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        acc.outcomes = Outcomes.fromJson(body, acc.outcomes);
        acc.gate.releaseDueMassJobs(world, acc);
        return acc.outcomes.toJson();
    }

    public JsonObject getOutcomes(String appId) {
        return world.requireAccount(appId).outcomes.toJson();
    }

    /**
     * The category model as the MP admin changes it: up to 5 categories, {@code limits.categoryChangesMonthly}
     * changes per calendar month (shared with {@code cgi-bin/wxopen/addcategory|deletecategory}); templates of a
     * dropped category are deleted. {@code {ids: [307, 411]}}.
     */
    public JsonObject setCategories(String appId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        List<Integer> ids = new ArrayList<>();
        for (String s : J.strings(J.arr(body, "ids"))) {
            int id;
            try {
                id = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new ControlException(400, "category ids are numbers");
            }
            if (!TemplateLibrary.validCategory(id)) {
                throw new ControlException(400, "unknown category " + id);
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.size() > TemplateStore.CATEGORIES_MAX) {
            throw new ControlException(400, "at most " + TemplateStore.CATEGORIES_MAX + " categories");
        }
        YearMonth month = world.clock().month();
        synchronized (acc) {
            TemplateStore t = acc.templates;
            int perMonth = acc.limits().categoryChangesMonthly();
            if (!t.categoryChangeAllowed(month, perMonth)) {
                throw new ControlException(429, "categories can change " + perMonth + " times a month");
            }
            t.countCategoryChange(month);
            t.categories.clear();
            t.categories.addAll(ids);
            t.dropTemplatesOutsideCategories();
        }
        return getCategories(appId);
    }

    public JsonObject getCategories(String appId) {
        Account acc = world.requireAccount(appId);
        synchronized (acc) {
            JsonArrayBuilder selected = Jsons.array();
            acc.templates.categories.forEach(selected::add);
            JsonArrayBuilder all = Jsons.array();
            TemplateLibrary.CATEGORIES.forEach(c -> all.add(Jsons.object().add("id", c.id()).add("name", c.name())
                    .add("father", c.father()).add("fatherName", TemplateLibrary.category(c.father()).name())));
            return Jsons.object().add("selected", selected)
                    .add("changesThisMonth", acc.templates.categoryChanges(world.clock().month()))
                    .add("changesPerMonth", acc.limits().categoryChangesMonthly())
                    .add("available", all).build();
        }
    }

    /** The shared public template library (short ids, keys) for tests and demos. */
    public JsonObject library() {
        JsonArrayBuilder out = Jsons.array();
        for (TemplateLibrary.Entry e : TemplateLibrary.all()) {
            JsonArrayBuilder keys = Jsons.array();
            e.keywords().forEach(k -> keys.add(Jsons.object().add("name", k.name()).add("key", k.key())));
            JsonObjectBuilder b = Jsons.object().add("template_id_short", e.shortId()).add("title", e.title())
                    .add("primary_industry", e.primaryIndustry()).add("deputy_industry", e.deputyIndustry())
                    .add("content", e.content(e.keywords())).add("keywords", keys);
            if (e.categoryId() != null) {
                b.add("categoryId", e.categoryId());
            }
            out.add(b);
        }
        JsonArrayBuilder industries = Jsons.array();
        for (int i = 1; i <= Industries.count(); i++) {
            industries.add(Jsons.object().add("id", i).add("first_class", Industries.firstClass(i))
                    .add("second_class", Industries.secondClass(i)));
        }
        return Jsons.object().add("templates", out).add("industries", industries).build();
    }

    // ------------------------------------------------------------ private templates

    /**
     * The account's private templates in list order, with the fields of {@code get_all_private_template} plus the
     * short id and the category (category templates only).
     */
    public JsonObject listTemplates(String appId) {
        Account acc = world.requireAccount(appId);
        synchronized (acc) {
            JsonArrayBuilder out = Jsons.array();
            for (TemplateStore.PrivateTemplate t : acc.templates.templates.values()) {
                JsonObjectBuilder b = Jsons.object(templateJson(t)).add("template_id_short", t.shortId());
                if (t.categoryId() != null) {
                    b.add("categoryId", t.categoryId());
                }
                out.add(b);
            }
            return Jsons.object().add("count", acc.templates.templates.size()).add("templates", out).build();
        }
    }

    /**
     * WeChat revising a private template in place: {@code {title?, content?, example?}} (strings, at least one).
     * The id and the list position stay; the keys that template/send accepts follow the new content.
     */
    public JsonObject editTemplate(String appId, String templateId, JsonObject body) {
        Account acc = world.requireAccount(appId);
        String title = templateField(body, "title");
        String content = templateField(body, "content");
        String example = templateField(body, "example");
        if (title == null && content == null && example == null) {
            throw new ControlException(400, "give at least one of title, content, example");
        }
        if (title != null && title.isBlank()) {
            throw new ControlException(400, "title cannot be blank");
        }
        if (content != null && content.isBlank()) {
            throw new ControlException(400, "content cannot be blank");
        }
        synchronized (acc) {
            TemplateStore.PrivateTemplate t = acc.templates.revise(templateId, title, content, example);
            if (t == null) {
                throw new ControlException(404, "no template " + templateId);
            }
            return templateJson(t);
        }
    }

    /** A string field of a template edit, null when absent; 400 when present but not a string. */
    private static String templateField(JsonObject body, String key) {
        JsonValue v = body.get(key);
        if (v == null) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new ControlException(400, key + " must be a string");
        }
        return ((JsonString) v).getString();
    }

    private static JsonObject templateJson(TemplateStore.PrivateTemplate t) {
        return Jsons.object().add("template_id", t.templateId()).add("title", t.title())
                .add("primary_industry", t.primaryIndustry()).add("deputy_industry", t.deputyIndustry())
                .add("content", t.content()).add("example", t.example()).build();
    }

    // ------------------------------------------------------------ simulate, ledger, pushes

    public JsonObject simulate(String appId, JsonObject body) {
        return Simulator.simulate(world, world.requireAccount(appId), body);
    }

    public JsonObject replay(String appId) {
        return Simulator.replay(world, world.requireAccount(appId));
    }

    public JsonObject ledger(String appId, String openid, String kind, int limit, long sinceMillis) {
        Account acc = world.requireAccount(appId);
        Ledger.Kind k;
        try {
            k = Ledger.Kind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, "kind is one of template, custom, mass, preview");
        }
        synchronized (acc) {
            int fan = -1;
            if (openid != null && !openid.isEmpty()) {
                fan = acc.fans.find(openid);
                if (fan < 0) {
                    throw new ControlException(404, "no fan " + openid);
                }
            }
            JsonArrayBuilder out = Jsons.array();
            List<JsonObject> rows = acc.ledger.query(acc.fans, fan, k, Math.max(1, Math.min(limit, 100_000)), sinceMillis);
            rows.forEach(out::add);
            return Jsons.object().add("count", rows.size()).add("entries", out).build();
        }
    }

    /**
     * One page of the ledger for a dispatch job: the single messages whose client_msg_id starts with
     * {@code clientMsgIdPrefix}, or the recipients of the mass job {@code msgid}; {@code after} is the previous
     * page's {@code next}. Each page carries the counts over all matches (including duplicates).
     */
    public JsonObject ledgerPage(String appId, String clientMsgIdPrefix, String msgid, String after, int limit) {
        Account acc = world.requireAccount(appId);
        boolean byPrefix = clientMsgIdPrefix != null && !clientMsgIdPrefix.isEmpty();
        boolean byJob = msgid != null && !msgid.isEmpty();
        if (byPrefix == byJob) {
            throw new ControlException(400, "give exactly one of clientMsgIdPrefix and msgid");
        }
        long cursor;
        long job = 0;
        try {
            cursor = after == null || after.isEmpty() ? -1 : Long.parseLong(after);
            if (byJob) {
                job = Long.parseLong(msgid);
            }
        } catch (NumberFormatException e) {
            throw new ControlException(400, "after and msgid are decimal numbers");
        }
        int size = Math.max(1, Math.min(limit, 10_000));
        synchronized (acc) {
            if (byPrefix) {
                return acc.ledger.pageByClientMsgId(acc.fans, clientMsgIdPrefix, cursor, size);
            }
            JsonObject page = acc.ledger.pageByMassJob(acc.fans, job, (int) Math.min(Integer.MAX_VALUE, cursor), size);
            if (page == null) {
                throw new ControlException(404, "no mass job " + msgid);
            }
            return page;
        }
    }

    public JsonObject ledgerSummary(String appId) {
        Account acc = world.requireAccount(appId);
        synchronized (acc) {
            return Jsons.object(acc.ledger.summary(acc.fans)).add("appId", appId).build();
        }
    }

    public JsonObject pushes(String appId, int limit, String label, String openid) {
        Account acc = world.requireAccount(appId);
        JsonArrayBuilder out = Jsons.array();
        for (PushRecord r : acc.pushes.recent(Math.max(1, Math.min(limit, 5_000)), label, openid)) {
            JsonArrayBuilder attempts = Jsons.array();
            for (PushRecord.Attempt a : r.attempts()) {
                attempts.add(Jsons.object().add("n", a.number()).add("at", a.startedAtMillis())
                        .add("ms", a.durationMs()).add("httpStatus", a.httpStatus()).add("outcome", a.outcome()));
            }
            out.add(Jsons.object().add("id", r.id()).add("time", r.createdAtMillis()).add("label", r.label())
                    .add("openid", nn(r.openid())).add("url", nn(r.url())).add("status", r.status())
                    .add("attempts", attempts).add("reply", nn(r.lastReply())).add("xml", nn(r.plaintextXml())));
        }
        JsonObjectBuilder byStatus = Jsons.object();
        acc.pushes.byStatus().forEach(byStatus::add);
        return Jsons.object().add("total", acc.pushes.total()).add("attempts", acc.pushes.attempts())
                .add("byStatus", byStatus).add("recent", out).build();
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
