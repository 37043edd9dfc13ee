package app.fanmail.dispatch.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.TestFan;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.SendFailure;
import app.fanmail.dispatch.domain.TemplateValues;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test sends of a template message to the account's saved test fans (audiences' test fans) before the real send: the
 * content checked and resolved as a job's is, each fan's values rendered with the same sources a job uses (remark, tag
 * names, openid; a CSV column has no list row for a test fan, so its value is the column's name in brackets, e.g.
 * {@code [city]}, and the result says so: WeChat refuses an empty value), sent through
 * the same {@link TemplateSender} as the engine, each with its own {@code client_msg_id} {@code test-<32 hex digits>}.
 * No job or recipient row is written and no transaction is held while WeChat answers (the sends run concurrently,
 * at most {@link #MAX}). One log line per test send.
 */
@ApplicationScoped
public class TemplateTestSends {
    public static final int MAX = 20;
    public static final String KEY_PREFIX = "test-";
    private static final Logger LOG = Logger.getLogger(TemplateTestSends.class.getName());

    /** One test fan's outcome: {@code msgid} when WeChat accepted it, else WeChat's errcode (-1 when none) and message. */
    public record Result(String openid, String label, boolean sent, String msgid, Integer errcode, String message) {
    }

    @Inject
    TemplatePlanner planner;
    @Inject
    Audiences audiences;
    @Inject
    TemplateSender sender;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.test-send-timeout-seconds", defaultValue = "30")
    int timeoutSeconds;

    /**
     * Sends the content to the account's test fans named by {@code openids} (all of them when null), in the order they
     * were added. Refused (nothing sent) like a job's content, and with NO_TEST_FANS, OPENIDS_EMPTY or NOT_A_TEST_FAN.
     */
    public List<Result> send(UUID accountId, TemplateContent content, List<String> openids, String actor) {
        TemplateContent resolved = planner.prepare(new NewTemplateJob(accountId, content, new AudienceSelector.All())).job().content();
        List<TestFan> fans = chosen(audiences.testFans(accountId), openids);
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        List<String> emptied = new ArrayList<>();
        resolved.fields().forEach((key, v) -> {
            if (v.source() == FieldValue.Source.CSV_COLUMN) {
                emptied.add(key);
                fields.put(key, FieldValue.fixed(placeholder(v.column())));
            } else {
                fields.put(key, v);
            }
        });
        String note = emptied.isEmpty() ? null
                : "A test fan has no list row: " + String.join(", ", emptied) + " sent as the column's name in brackets.";
        List<CompletableFuture<Result>> stages = new ArrayList<>();
        for (TestFan fan : fans) {
            Map<String, String> data = TemplateValues.render(fields, fan.openid(), fan.remark(), fan.tagNames(), Map.of()).values();
            String key = KEY_PREFIX + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            TemplateSender.Outgoing message = new TemplateSender.Outgoing(accountId, fan.openid(), resolved.templateId(), resolved.url(),
                    resolved.miniProgramAppId(), resolved.miniProgramPagePath(), key, data);
            CompletionStage<String> stage;
            try {
                stage = sender.send(message, null);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stages.add(stage.toCompletableFuture().orTimeout(timeoutSeconds, TimeUnit.SECONDS).handle((msgid, error) -> {
                Result r;
                if (error == null) {
                    r = new Result(fan.openid(), fan.label(), true, msgid, null, note);
                } else {
                    SendFailure f = SendEngine.failureOf(error);
                    r = new Result(fan.openid(), fan.label(), false, null, f.errcode(), f.errmsg());
                }
                LOG.info(String.format("Test send of template %s (account %s) to test fan %s by %s, client_msg_id %s: %s", resolved.templateId(),
                        accountId, fan.openid(), actor, key, r.sent() ? "SENT msgid " + r.msgid() : "FAILED " + r.errcode() + " " + r.message()));
                return r;
            }));
        }
        return stages.stream().map(CompletableFuture::join).toList();
    }

    /** What a CSV column's field shows in a test send: the column's name in brackets. */
    static String placeholder(String column) {
        return "[" + column + "]";
    }

    static List<TestFan> chosen(List<TestFan> fans, List<String> openids) {
        if (fans.isEmpty()) {
            throw new UserErrorsException("NO_TEST_FANS", "accountId", "The account has no test fans: add some on its Fans page.");
        }
        if (openids == null) {
            return fans.size() > MAX ? fans.subList(0, MAX) : fans;
        }
        Set<String> wanted = new LinkedHashSet<>();
        openids.stream().filter(java.util.Objects::nonNull).forEach(wanted::add);
        if (wanted.isEmpty()) {
            throw new UserErrorsException("OPENIDS_EMPTY", "openids", "Choose at least one test fan.");
        }
        Set<String> known = new LinkedHashSet<>();
        fans.forEach(f -> known.add(f.openid()));
        for (String o : wanted) {
            if (!known.contains(o)) {
                throw new UserErrorsException("NOT_A_TEST_FAN", "openids", o + " is not a test fan of the account.");
            }
        }
        List<TestFan> out = fans.stream().filter(f -> wanted.contains(f.openid())).toList();
        return out.size() > MAX ? out.subList(0, MAX) : out;
    }
}
