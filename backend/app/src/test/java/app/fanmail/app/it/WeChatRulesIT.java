package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.kernel.time.OffsetClock;
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.api.WeChatMaterials;
import app.fanmail.wechat.api.WeChatMessages;
import app.fanmail.wechat.api.WeChatMessages.Audience;
import app.fanmail.wechat.api.WeChatMessages.MassContent;
import app.fanmail.wechat.api.WeChatRuleException;
import app.fanmail.wechat.api.WeChatRuleException.Rule;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.wechat.api.WeChatTemplates.TemplateMessage;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * Issue 10: Fanmail obeys WeChat's rules before calling WeChat. Each test shows a request WeChat refuses being
 * refused inside Fanmail with WeChat's errcode, and the sandbox (which records every delivery) receiving nothing.
 */
@ExtendWith(ArquillianExtension.class)
class WeChatRulesIT {
    private static final int HTTP_PORT = 8080 + Integer.getInteger("jboss.socket.binding.port-offset",
            Integer.getInteger("fanmail.test.port-offset", 100));
    private static final String SANDBOX = "http://127.0.0.1:" + HTTP_PORT + "/wechat-sandbox";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        WebArchive war = TestServer.fanmailWar().addClasses(WeChatRulesIT.class, SandboxControlClient.class);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    AccountRegistration registration;
    @Inject
    WeChatTemplates templates;
    @Inject
    WeChatFans fans;
    @Inject
    WeChatMessages messages;
    @Inject
    WeChatMaterials materials;
    @Inject
    OffsetClock clock;
    @Inject
    UserTransaction tx;
    @PersistenceContext(unitName = "wechat")
    EntityManager em;

    private final SandboxControlClient control = new SandboxControlClient(SANDBOX);

    private record Acc(UUID id, String appId) {
    }

    private Acc account(AccountType type) {
        String appId = "wx" + hex(16);
        String secret = hex(32);
        UUID id = registration.register(new NewAccount("Rules " + hex(4), "gh_" + hex(12), appId, secret, "Tok" + hex(6),
                null, type, true, EncryptionMode.PLAIN, ApiTarget.WECHAT, SANDBOX)).id();
        control.post("/_sandbox/accounts", Json.createObjectBuilder().add("appId", appId).add("appSecret", secret).add("token", "Tok0000")
                .add("encryptionMode", "PLAIN").add("callbackUrl", "http://127.0.0.1:" + HTTP_PORT + "/api/wechat/callback/" + appId)
                .add("type", type.name()).add("verified", true).add("originalId", "gh_" + hex(12)).build());
        return new Acc(id, appId);
    }

    private int ledger(Acc a, String kind) {
        return control.get("/_sandbox/accounts/" + a.appId() + "/ledger?kind=" + kind).getJsonArray("entries").size();
    }

    private static void refused(Runnable call, Rule rule, int errcode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WeChatRuleException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.errcode()).isEqualTo(errcode);
            assertThat(e.mayHaveBeenProcessed()).isFalse();
        });
    }

    @Test
    @OperateOnDeployment("fanmail")
    void typedTemplateValuesAreRefusedWith47003BeforeWeChat() {
        Acc a = account(AccountType.SERVICE);
        control.seedFans(a.appId(), 3);
        String openid = fans.followers(a.id(), null).openids().get(0);
        String templateId = templates.add(a.id(), "TM00015", List.of());
        control.patch("/_sandbox/accounts/" + a.appId() + "/templates/" + templateId,
                Json.createObjectBuilder().add("content", "单号：{{character_string1.DATA}}\n时间：{{time2.DATA}}").build());

        Map<String, String> chinese = Map.of("character_string1", "订单1", "time2", "15:01");
        assertThatThrownBy(() -> templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, chinese)))
                .isInstanceOfSatisfying(WeChatRuleException.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.TEMPLATE_VALUE_INVALID);
                    assertThat(e.errcode()).isEqualTo(47003);
                    assertThat(e.field()).isEqualTo("character_string1");
                });
        Map<String, String> badTime = Map.of("character_string1", "SF1", "time2", "3pm");
        assertThatThrownBy(() -> templates.sendAsync(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, badTime))
                .toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(WeChatRuleException.class,
                        e -> assertThat(e.field()).isEqualTo("time2"));
        assertThat(ledger(a, "template")).isZero();

        String msgId = templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, null,
                Map.of("character_string1", "SF1234567890", "time2", "2026年1月31日 15:01")));
        assertThat(msgId).matches("\\d+");
        assertThat(ledger(a, "template")).isEqualTo(1);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void tagNamesAreCountedInUtf8Bytes() {
        Acc a = account(AccountType.SERVICE);
        refused(() -> fans.createTag(a.id(), "一二三四五六七八九十一"), Rule.TAG_NAME_TOO_LONG, 45158);
        assertThat(fans.tags(a.id())).extracting(WeChatFans.Tag::name).doesNotContain("一二三四五六七八九十一");
        WeChatFans.Tag ten = fans.createTag(a.id(), "一二三四五六七八九十");
        assertThat(ten.name()).isEqualTo("一二三四五六七八九十");
        refused(() -> fans.renameTag(a.id(), ten.id(), "一二三四五六七八九十a"), Rule.TAG_NAME_TOO_LONG, 45158);
        refused(() -> fans.renameTag(a.id(), 2, "星标"), Rule.TAG_RESERVED, 45058);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void massByOpenidListIsForServiceAccountsOnly() {
        Acc a = account(AccountType.SUBSCRIPTION);
        control.seedFans(a.appId(), 3);
        List<String> openids = fans.followers(a.id(), null).openids();
        refused(() -> messages.sendMass(a.id(), new Audience.Openids(openids.subList(0, 2)), new MassContent.Text("x"), "m-" + hex(6), false),
                Rule.MASS_OPENIDS_SERVICE_ONLY, 48001);
        assertThat(ledger(a, "mass")).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void draftsAndTemporaryMediaAreCheckedBeforeUpload() {
        Acc a = account(AccountType.SERVICE);
        long drafts = materials.draftCount(a.id());
        refused(() -> materials.addDraft(a.id(), List.of(new WeChatMaterials.Article("标".repeat(33), null, null, "<p>正文</p>", null,
                "thumb-id", false, false))), Rule.ARTICLE_TITLE, 45003);
        refused(() -> materials.addDraft(a.id(), List.of(new WeChatMaterials.Article("标题", "作".repeat(17), null, "<p>正文</p>", null,
                "thumb-id", false, false))), Rule.ARTICLE_AUTHOR, 45110);
        assertThat(materials.draftCount(a.id())).isEqualTo(drafts);
        byte[] bytes = new byte[16];
        refused(() -> materials.uploadTemporary(a.id(), WeChatMaterials.MediaKind.IMAGE, "scan.bmp", "image/bmp", bytes), Rule.MEDIA_FORMAT, 40005);
        refused(() -> materials.uploadTemporary(a.id(), WeChatMaterials.MediaKind.VOICE, "memo.wav", "audio/wav", bytes), Rule.MEDIA_FORMAT, 40005);
        assertThat(materials.counts(a.id()).images()).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void previewsToWeChatIdsStopAtOneHundredPerShanghaiDay() throws Exception {
        Acc a = account(AccountType.SERVICE);
        java.time.Instant midnight = LocalDate.now(clock.withZone(CHINA)).plusDays(1).atStartOfDay(CHINA).toInstant();
        try {
            // late in a Shanghai day (the margins leave room for a slow machine: the offset clock keeps running)
            clock.set(midnight.minus(Duration.ofMinutes(10)));
            // 99 previews already sent today (Asia/Shanghai), as the counter holds them
            tx.begin();
            em.createNativeQuery("insert into wechat.mass_preview_count (account_id, day, used) values (?1, ?2, 99)")
                    .setParameter(1, a.id()).setParameter(2, LocalDate.ofInstant(midnight.minus(Duration.ofMinutes(10)), CHINA)).executeUpdate();
            tx.commit();

            messages.previewMassToWeChatId(a.id(), "preview_a", new MassContent.Text("第100条"));
            assertThat(ledger(a, "preview")).isEqualTo(1);
            refused(() -> messages.previewMassToWeChatId(a.id(), "preview_b", new MassContent.Text("第101条")), Rule.MASS_PREVIEW_DAILY_LIMIT, 45009);
            assertThat(ledger(a, "preview")).as("the 101st never reached WeChat").isEqualTo(1);
            // previews to a follower's openid are not limited
            control.seedFans(a.appId(), 2);
            messages.previewMass(a.id(), fans.followers(a.id(), null).openids().get(0), new MassContent.Text("openid"));
            int sent = ledger(a, "preview");

            clock.set(midnight.minusSeconds(30));
            refused(() -> messages.previewMassToWeChatId(a.id(), "preview_c", new MassContent.Text("23:59:30")), Rule.MASS_PREVIEW_DAILY_LIMIT, 45009);
            clock.set(midnight);
            messages.previewMassToWeChatId(a.id(), "preview_d", new MassContent.Text("新的一天"));
            assertThat(ledger(a, "preview")).isEqualTo(sent + 1);
            assertThat(em.createNativeQuery("select count(*) from wechat.mass_preview_count where account_id = ?1").setParameter(1, a.id())
                    .getSingleResult()).as("yesterday's count is pruned").isEqualTo(1L);
        } finally {
            clock.setOffset(Duration.ZERO);
        }
    }

    private static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }
}
