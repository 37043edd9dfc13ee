package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One account's fault switches and their state, and the check every WeChat call passes before its handler runs
 * (in this order): caller IP (40164, 89501/89503/89506/89507, token endpoints only), injected errcodes, account
 * type and verification (48001), per-minute (45011) and daily (45009) limits, then the switches that look at the
 * request: blacklisted recipient (43019), banned template (43116), sends to one openid too frequent (43117),
 * unbound mini program or page (40013/40165), mass agreement (48003), content/title too long (45002/45003).
 */
final class FaultGate {

    /** One injection: the next {@code remaining} calls (or a share {@code rate}) of {@code api} answer {@code errcode}. */
    static final class Injection {
        final String api;
        final int errcode;
        final String errmsg;
        final double rate;
        long remaining;
        long answered;

        Injection(String api, int errcode, String errmsg, long count, double rate) {
            this.api = api;
            this.errcode = errcode;
            this.errmsg = errmsg;
            this.remaining = count;
            this.rate = rate;
        }

        boolean matches(String path) {
            return api.isEmpty() || path.equals(api) || path.endsWith("/" + api);
        }

        JsonObject toJson() {
            JsonObjectBuilder b = Jsons.object().add("api", api).add("errcode", errcode).add("answered", answered);
            if (errmsg != null) {
                b.add("errmsg", errmsg);
            }
            return rate > 0 ? b.add("rate", rate).build() : b.add("remaining", remaining).build();
        }
    }

    /** A caller IP under admin confirmation. */
    private static final class IpState {
        boolean pending;
        boolean approved;
        final List<Long> refusals = new ArrayList<>();
    }

    /**
     * A count over a window that starts again when the window key changes (day in Shanghai, or minute). Lock-free:
     * the key (high 32 bits) and the count (low 32 bits) share one CAS word, so hot endpoints such as
     * {@code user/info/batchget} pay no lock.
     */
    private static final class Window {
        private final java.util.concurrent.atomic.AtomicLong state = new java.util.concurrent.atomic.AtomicLong(-1L << 32);

        boolean tryAcquire(long windowKey, long limit) {
            while (true) {
                long s = state.get();
                long count = (s >>> 32) == (windowKey & 0xffffffffL) ? s & 0xffffffffL : 0;
                if (count >= limit) {
                    return false;
                }
                if (state.compareAndSet(s, (windowKey << 32) | (count + 1))) {
                    return true;
                }
            }
        }

        long used(long windowKey) {
            long s = state.get();
            return (s >>> 32) == (windowKey & 0xffffffffL) ? s & 0xffffffffL : 0;
        }
    }

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    volatile Switches switches = Switches.NONE;
    private final List<Injection> injections = new ArrayList<>();
    private volatile boolean anyInjection;
    private final Map<String, IpState> ips = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> sendsByOpenid = new HashMap<>();
    private final ConcurrentHashMap<String, Window> daily = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> minute = new ConcurrentHashMap<>();
    volatile JsonObject callbackVerification;

    // ------------------------------------------------------------------ the check

    /** The error this call gets before its handler runs, or null. */
    WeChatException check(World world, Account acc, ApiCall call) {
        String path = call.path();
        Switches s = switches;
        boolean tokenCall = path.equals("cgi-bin/token") || path.equals("cgi-bin/stable_token");
        if (tokenCall && s != Switches.NONE) {
            WeChatException ip = checkIp(world, s, call.clientIp());
            if (ip != null) {
                return ip;
            }
        }
        if (anyInjection) {
            WeChatException injected = injected(path, call.clientIp());
            if (injected != null) {
                return injected;
            }
        }
        EndpointRules.Rule rule = EndpointRules.of(path);
        if (rule != null && !rule.access().allows(acc.config())) {
            return Err.apiUnauthorized();
        }
        long now = world.clock().millis();
        long perMinute = s.minuteLimits().getOrDefault(path, rule == null ? 0L : rule.minute());
        if ((perMinute > 0 || s.minuteLimits().containsKey(path))
                && !minute.computeIfAbsent(path, k -> new Window()).tryAcquire(now / MINUTE, perMinute)) {
            return Err.minuteQuota();
        }
        long perDay = s.dailyLimits().getOrDefault(path, rule == null ? 0L : rule.daily());
        if ((perDay > 0 || s.dailyLimits().containsKey(path))
                && !daily.computeIfAbsent(path, k -> new Window()).tryAcquire(world.clock().today().toEpochDay(), perDay)) {
            return Err.dailyQuota();
        }
        if (s == Switches.NONE || !call.hasBody() || call.isMultipart()) {
            return null;
        }
        return checkRequest(s, path, call, now);
    }

    private WeChatException checkRequest(Switches s, String path, ApiCall call, long now) {
        JsonObject body;
        try {
            body = call.json();
        } catch (WeChatException e) {
            return null; // the handler answers 47001
        }
        switch (path) {
            case "cgi-bin/message/template/send" -> {
                String touser = J.str(body, "touser");
                if (touser != null && s.blacklisted().contains(touser)) {
                    return Err.of(43019, ErrCatalog.all().get(43019));
                }
                String templateId = J.str(body, "template_id");
                if (templateId != null && s.bannedTemplates().contains(templateId)) {
                    return Err.of(43116, ErrCatalog.all().get(43116));
                }
                JsonObject mp = J.obj(body, "miniprogram");
                if (mp != null && s.boundMiniPrograms() != null) {
                    java.util.Set<String> pages = s.boundMiniPrograms().get(J.str(mp, "appid"));
                    if (pages == null) {
                        return Err.invalidAppid(); // not associated with the account
                    }
                    String page = J.str(mp, "pagepath") == null ? "" : J.str(mp, "pagepath");
                    int q = page.indexOf('?');
                    if (!pages.isEmpty() && !pages.contains(q < 0 ? page : page.substring(0, q))) {
                        return Err.of(40165, ErrCatalog.all().get(40165));
                    }
                }
                if (touser != null && s.openidFreqCount() > 0 && !sendAllowed(touser, now, s)) {
                    return Err.of(43117, ErrCatalog.all().get(43117));
                }
            }
            case "cgi-bin/message/custom/send", "cgi-bin/message/custom/typing", "cgi-bin/message/mass/preview" -> {
                String touser = J.str(body, "touser");
                if (touser != null && s.blacklisted().contains(touser)) {
                    return Err.of(43019, ErrCatalog.all().get(43019));
                }
                if (path.equals("cgi-bin/message/custom/send")) {
                    return checkCustomLengths(s, body);
                }
            }
            case "cgi-bin/message/mass/sendall", "cgi-bin/message/mass/send" -> {
                if (!s.massAgreement()) {
                    return Err.of(48003, ErrCatalog.all().get(48003));
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static WeChatException checkCustomLengths(Switches s, JsonObject body) {
        if (s.contentMaxBytes() > 0) {
            String content = J.str(J.obj(body, "text"), "content");
            if (content != null && bytes(content) > s.contentMaxBytes()) {
                return Err.of(45002, ErrCatalog.all().get(45002));
            }
        }
        if (s.titleMaxBytes() > 0) {
            List<String> titles = new ArrayList<>();
            titles.add(J.str(J.obj(body, "music"), "title"));
            titles.add(J.str(J.obj(body, "video"), "title"));
            JsonArray articles = J.arr(J.obj(body, "news"), "articles");
            if (articles != null) {
                for (JsonValue v : articles) {
                    if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                        titles.add(J.str(v.asJsonObject(), "title"));
                    }
                }
            }
            for (String t : titles) {
                if (t != null && bytes(t) > s.titleMaxBytes()) {
                    return Err.of(45003, ErrCatalog.all().get(45003));
                }
            }
        }
        return null;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private synchronized boolean sendAllowed(String openid, long now, Switches s) {
        ArrayDeque<Long> times = sendsByOpenid.computeIfAbsent(openid, k -> new ArrayDeque<>());
        long from = now - s.openidFreqSeconds() * 1000;
        while (!times.isEmpty() && times.peekFirst() <= from) {
            times.pollFirst();
        }
        if (times.size() >= s.openidFreqCount()) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    // ------------------------------------------------------------------ caller IP

    /** WeChat's 40164, which names the caller's address (overtrue/laravel-wechat#367 quotes one). */
    static WeChatException ipNotWhitelisted(String ip) {
        return Err.of(40164, "invalid ip " + ip + " ipv6 ::ffff:" + ip + ", not in whitelist");
    }

    private synchronized WeChatException checkIp(World world, Switches s, String ip) {
        String caller = ip == null || ip.isEmpty() ? "127.0.0.1" : ip;
        if (s.ipWhitelist() != null && !s.ipWhitelist().contains(caller)) {
            return ipNotWhitelisted(caller);
        }
        if (!s.ipConfirmation()) {
            return null;
        }
        IpState st = ips.computeIfAbsent(caller, k -> new IpState());
        if (st.approved) {
            return null;
        }
        long now = world.clock().millis();
        int n = st.refusals.size();
        long last = n == 0 ? Long.MIN_VALUE / 2 : st.refusals.get(n - 1);
        if (n >= 2 && last - st.refusals.get(n - 2) <= DAY && now < last + DAY) {
            return ErrCatalog.error(89506, caller); // refused twice within 24 h: 24 h from the second refusal
        }
        if (n >= 1 && now < last + HOUR) {
            return ErrCatalog.error(89507, caller);
        }
        if (st.pending) {
            return ErrCatalog.error(89501, caller);
        }
        st.pending = true;
        return ErrCatalog.error(89503, caller);
    }

    /** The admin approves or refuses a caller IP waiting for confirmation. */
    synchronized JsonObject decideIp(String ip, boolean approve, long now) {
        IpState st = ips.computeIfAbsent(ip, k -> new IpState());
        st.pending = false;
        if (approve) {
            st.approved = true;
        } else {
            st.approved = false;
            st.refusals.add(now);
            while (st.refusals.size() > 2) {
                st.refusals.remove(0);
            }
        }
        return ipsJson(now);
    }

    synchronized JsonObject ipsJson(long now) {
        JsonObjectBuilder out = Jsons.object();
        ips.forEach((ip, st) -> out.add(ip, Jsons.object().add("pending", st.pending).add("approved", st.approved)
                .add("refusalsIn24h", st.refusals.stream().filter(t -> t > now - DAY).count())));
        return out.build();
    }

    // ------------------------------------------------------------------ injections

    synchronized JsonObject inject(JsonObject o) {
        String api = ApiCall.normalize(J.str(o, "api") == null ? "" : J.str(o, "api"));
        Long code = J.lngOrNull(o, "errcode");
        if (code == null) {
            throw new ControlException(400, "errcode is required");
        }
        String errmsg = J.str(o, "errmsg");
        if (errmsg == null && !ErrCatalog.contains(code.intValue())) {
            throw new ControlException(400, "errcode " + code + " is not in the catalogue (GET _sandbox/errcodes): "
                    + "give its errmsg");
        }
        if (code == 0) {
            throw new ControlException(400, "errcode 0 is success, not a fault");
        }
        double rate = J.dbl(o, "rate", 0);
        long count = J.lng(o, "count", rate > 0 ? 0 : 1);
        if (rate < 0 || rate > 1 || count < 0 || (rate == 0 && count == 0)) {
            throw new ControlException(400, "give count >= 1 (the next N calls) or rate within (0, 1]");
        }
        injections.add(new Injection(api, code.intValue(), errmsg, count, rate));
        anyInjection = true;
        return injectionsJson();
    }

    synchronized JsonObject clearInjections() {
        injections.clear();
        anyInjection = false;
        return injectionsJson();
    }

    synchronized JsonObject injectionsJson() {
        JsonArrayBuilder a = Jsons.array();
        injections.forEach(i -> a.add(i.toJson()));
        return Jsons.object().add("injections", a).build();
    }

    private synchronized WeChatException injected(String path, String ip) {
        for (Iterator<Injection> it = injections.iterator(); it.hasNext(); ) {
            Injection i = it.next();
            if (!i.matches(path)) {
                continue;
            }
            if (i.rate > 0) {
                if (java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= i.rate) {
                    continue;
                }
            } else {
                i.remaining--;
                if (i.remaining <= 0) {
                    it.remove();
                }
            }
            i.answered++;
            anyInjection = !injections.isEmpty();
            return i.errmsg != null ? Err.of(i.errcode, i.errmsg) : ErrCatalog.error(i.errcode, ip);
        }
        return null;
    }

    // ------------------------------------------------------------------ mass jobs (hooks in MassApi.finish)

    private final List<MassJob> heldMassJobs = new ArrayList<>();

    /**
     * True when the account's {@code massFinishDelaySeconds} holds this job back: it is kept until the sandbox clock
     * passes its due time ({@link #releaseDueMassJobs}). Called under the account lock.
     */
    boolean holdMassJob(World world, Account acc, MassJob job) {
        long delay = acc.outcomes.massFinishDelaySeconds();
        if (delay <= 0 || world.clock().millis() >= job.createdAtMillis + delay * 1000) {
            return false;
        }
        synchronized (heldMassJobs) {
            if (!heldMassJobs.contains(job)) {
                heldMassJobs.add(job);
            }
        }
        return true;
    }

    /** Finishes the held mass jobs that are due (after the clock moved or the delay changed). */
    void releaseDueMassJobs(World world, Account acc) {
        List<MassJob> due = new ArrayList<>();
        long now = world.clock().millis();
        long delay = acc.outcomes.massFinishDelaySeconds();
        synchronized (heldMassJobs) {
            for (Iterator<MassJob> it = heldMassJobs.iterator(); it.hasNext(); ) {
                MassJob job = it.next();
                if (delay <= 0 || now >= job.createdAtMillis + delay * 1000) {
                    due.add(job);
                    it.remove();
                }
            }
        }
        for (MassJob job : due) {
            MassApi.finish(world, acc, job);
        }
    }

    int heldMassJobCount() {
        synchronized (heldMassJobs) {
            return heldMassJobs.size();
        }
    }

    /** Sets {@code err(<code>)} on a job the account's {@code massAuditError} makes fail (unless already failed). */
    static void auditFailure(Account acc, MassJob job) {
        int code = acc.outcomes.massAuditError();
        if (code > 0 && job.failStatus == null) {
            job.failStatus = "err(" + code + ")";
        }
    }

    /** The SentCount MASSSENDJOBFINISH reports: under-reported by {@code massCountSkew}, as WeChat's are approximate. */
    static int reportedSentCount(Account acc, MassJob job) {
        return job.sentCount - (int) Math.floor(job.sentCount * acc.outcomes.massCountSkew());
    }

    // ------------------------------------------------------------------ state for describe / reset

    JsonObject usage(World world) {
        long day = world.clock().today().toEpochDay();
        long min = world.clock().millis() / MINUTE;
        JsonObjectBuilder d = Jsons.object();
        daily.forEach((p, w) -> d.add(p, w.used(day)));
        JsonObjectBuilder m = Jsons.object();
        minute.forEach((p, w) -> m.add(p, w.used(min)));
        return Jsons.object().add("today", d).add("thisMinute", m).build();
    }
}
