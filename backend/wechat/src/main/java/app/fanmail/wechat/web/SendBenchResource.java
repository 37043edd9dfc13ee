package app.fanmail.wechat.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.wechat.api.WeChatTemplates.TemplateMessage;
import app.fanmail.wechat.application.WeChatClientThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Benchmark of the template-send path (wildfly-config/bench/template-sends.sh): sends {@code count} template messages
 * through {@link WeChatTemplates#sendAsync} with at most {@code inFlight} outstanding, to an account whose API base URL
 * is the sandbox, and reports sends/s, the threads Fanmail's WeChat client used and their CPU time per send. Exists only
 * when both {@code fanmail.sandbox.enabled} and {@code fanmail.bench.enabled} are true (404 otherwise); admins only.
 */
@ApplicationScoped
@Path("/bench/wechat")
public class SendBenchResource {
    private static final Pattern KEY = Pattern.compile("\\{\\{(\\w+)\\.DATA}}");

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.enabled", defaultValue = "false")
    boolean sandboxEnabled;
    @Inject
    @ConfigProperty(name = "fanmail.bench.enabled", defaultValue = "false")
    boolean benchEnabled;
    @Inject
    WeChatTemplates templates;
    @Inject
    WeChatFans fans;
    @Inject
    WeChatClientThreads clientThreads;

    private final Map<UUID, Object[]> setups = new ConcurrentHashMap<>();

    @POST
    @Path("/template-sends")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject templateSends(@QueryParam("account") UUID accountId, @QueryParam("count") int count,
                                    @QueryParam("inFlight") int inFlight) throws InterruptedException {
        if (!sandboxEnabled || !benchEnabled) {
            throw new NotFoundException();
        }
        CurrentViewer.require(Role.ADMIN);
        if (accountId == null || count < 1 || count > 1_000_000 || inFlight < 1 || inFlight > 10_000) {
            throw new jakarta.ws.rs.BadRequestException("account, count (1..1000000) and inFlight (1..10000) are required");
        }
        Object[] setup = setups.computeIfAbsent(accountId, this::setUp);
        List<String> openids = (List<String>) setup[0];
        String templateId = (String) setup[1];
        Map<String, String> data = (Map<String, String>) setup[2];

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuBefore = clientThreadCpu(mx);
        long driverCpuBefore = mx.getCurrentThreadCpuTime();
        long processCpuBefore = processCpu();
        mx.resetPeakThreadCount();
        int threadsBefore = mx.getThreadCount();

        Semaphore window = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong failures = new AtomicLong();
        Map<String, AtomicLong> failureKinds = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquire();
            TemplateMessage m = new TemplateMessage(openids.get(i % openids.size()), templateId, null, null, null, null, data);
            templates.sendAsync(accountId, m).whenComplete((msgid, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    String kind = cause instanceof WeChatException w ? w.kind() + "/" + w.errcode() : cause.getClass().getSimpleName();
                    failureKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                }
                window.release();
                done.countDown();
            });
        }
        done.await(10, TimeUnit.MINUTES);
        long wallNanos = System.nanoTime() - start;

        long driverCpu = mx.getCurrentThreadCpuTime() - driverCpuBefore;
        Map<Long, Long> cpuAfter = clientThreadCpu(mx);
        long clientCpu = 0;
        for (Map.Entry<Long, Long> e : cpuAfter.entrySet()) {
            clientCpu += e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
        }
        long processCpuNanos = processCpu() - processCpuBefore;
        JsonObjectBuilder kinds = JsonFactories.object();
        failureKinds.forEach((k, v) -> kinds.add(k, v.get()));
        return JsonFactories.object()
                .add("sends", count)
                .add("inFlight", inFlight)
                .add("failures", failures.get())
                .add("failureKinds", kinds)
                .add("seconds", wallNanos / 1e9)
                .add("sendsPerSecond", Math.round(count / (wallNanos / 1e9)))
                .add("clientThreads", cpuAfter.size())
                .add("clientThreadNames", String.join(",", clientThreadNames(mx)))
                .add("fanmailThreadsForSends", cpuAfter.size() + 1) // + the caller (this request's thread)
                .add("jvmThreadsBefore", threadsBefore)
                .add("jvmPeakThreads", mx.getPeakThreadCount())
                .add("fanmailCpuMicrosPerSend", Math.round((clientCpu + driverCpu) / 1e3 / count))
                .add("callerCpuMicrosPerSend", Math.round(driverCpu / 1e3 / count))
                .add("processCpuMicrosPerSend", Math.round(processCpuNanos / 1e3 / count))
                .build();
    }

    /** A follower list and a template with its data keys, made once per account through the facades. */
    private Object[] setUp(UUID accountId) {
        List<String> openids = fans.followers(accountId, null).openids();
        if (openids.isEmpty()) {
            throw new jakarta.ws.rs.BadRequestException("the account has no followers: seed fans in the sandbox first");
        }
        String templateId = templates.add(accountId, "TM00015", List.of());
        String content = templates.list(accountId).stream().filter(t -> t.templateId().equals(templateId)).findFirst()
                .orElseThrow().content();
        Map<String, String> data = new LinkedHashMap<>();
        Matcher m = KEY.matcher(content);
        while (m.find()) {
            data.put(m.group(1), "v");
        }
        return new Object[] {openids, templateId, data};
    }

    private boolean isClientThread(String name) {
        return clientThreads.isClientThread(name);
    }

    private Map<Long, Long> clientThreadCpu(ThreadMXBean mx) {
        Map<Long, Long> cpu = new LinkedHashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && isClientThread(info.getThreadName())) {
                cpu.put(info.getThreadId(), Math.max(0, mx.getThreadCpuTime(info.getThreadId())));
            }
        }
        return cpu;
    }

    private List<String> clientThreadNames(ThreadMXBean mx) {
        return java.util.Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds()))
                .filter(i -> i != null && isClientThread(i.getThreadName())).map(ThreadInfo::getThreadName).sorted().toList();
    }

    private static long processCpu() {
        try { // through the MBean server: com.sun.management is not visible to deployments
            return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime")).longValue();
        } catch (javax.management.JMException e) {
            return -1;
        }
    }
}
