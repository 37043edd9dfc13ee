package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import app.fanmail.kernel.crypto.SecretCipher;
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.api.WeChatMaterials;
import app.fanmail.wechat.api.WeChatMaterials.MediaKind;
import app.fanmail.wechat.api.WeChatMessages;
import app.fanmail.wechat.api.WeChatMessages.Audience;
import app.fanmail.wechat.api.WeChatMessages.MassContent;
import app.fanmail.wechat.api.WeChatMessages.ServiceContent;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.wechat.api.WeChatTemplates.TemplateMessage;
import app.fanmail.wechat.api.WeChatQuotas;
import app.fanmail.wechat.api.WeChatQuotas.QuotedApi;
import app.fanmail.wechat.application.TokenService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * Contract tests: Fanmail's WeChat client, running inside the server, against the WeChat sandbox
 * (an independent implementation) deployed next to it. Accounts here use the WECHAT target with the
 * sandbox as API base URL, and are registered in the sandbox explicitly.
 */
@ExtendWith(ArquillianExtension.class)
class WeChatContractIT {
    // runs inside the server too, where TestServer is absent: the server's own port offset gives its HTTP port
    private static final int HTTP_PORT = 8080 + Integer.getInteger("jboss.socket.binding.port-offset",
            Integer.getInteger("fanmail.test.port-offset", 100));
    private static final String SANDBOX = "http://127.0.0.1:" + HTTP_PORT + "/wechat-sandbox";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        WebArchive war = TestServer.fanmailWar().addClasses(WeChatContractIT.class, SandboxControlClient.class);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    AccountRegistration registration;
    @Inject
    TokenService tokens;
    @Inject
    WeChatTemplates templates;
    @Inject
    WeChatFans fans;
    @Inject
    WeChatMessages messages;
    @Inject
    WeChatMaterials materials;
    @Inject
    WeChatQuotas quotas;
    @Inject
    SecretCipher cipher;
    @Inject
    UserTransaction tx;
    @PersistenceContext(unitName = "wechat")
    EntityManager em;

    private final SandboxControlClient control = new SandboxControlClient(SANDBOX);

    private record Acc(UUID id, String appId, String secret) {
    }

    private Acc account(AccountType type, String sandboxSecret) {
        String appId = "wx" + hex(16);
        String secret = hex(32);
        UUID id = registration.register(new NewAccount("Contract " + hex(4), "gh_" + hex(12), appId, secret, "Tok" + hex(6),
                null, type, true, EncryptionMode.PLAIN, ApiTarget.WECHAT, SANDBOX)).id();
        control.post("/_sandbox/accounts", Json.createObjectBuilder().add("appId", appId)
                .add("appSecret", sandboxSecret == null ? secret : sandboxSecret).add("token", "Tok0000").add("encryptionMode", "PLAIN")
                .add("callbackUrl", "http://127.0.0.1:" + HTTP_PORT + "/api/wechat/callback/" + appId)
                .add("type", type.name()).add("verified", true).add("originalId", "gh_" + hex(12)).build());
        return new Acc(id, appId, secret);
    }

    private Acc account() {
        return account(AccountType.SERVICE, null);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void fetchesAndCachesTokens() {
        Acc a = account();
        String token = tokens.token(a.id());
        assertThat(token).isNotBlank();
        assertThat(tokens.token(a.id())).isEqualTo(token);
        assertThat(tokens.status(a.id()).orElseThrow().refreshCount()).isEqualTo(1);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void fiftyConcurrentCallersAtExpiryRefreshExactlyOnce() throws Exception {
        Acc a = account();
        // a token about to expire (inside the refresh margin), never seen by this node's cache
        tx.begin();
        em.createNativeQuery("insert into wechat.access_token (account_id, token_enc, expires_at, fetched_at, refresh_count) "
                        + "values (?1, ?2, now() + interval '60 seconds', now() - interval '7140 seconds', 0)")
                .setParameter(1, a.id()).setParameter(2, cipher.encrypt("about-to-expire", "wechat-token:" + a.id())).executeUpdate();
        tx.commit();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit((Callable<String>) () -> {
                go.await();
                return tokens.token(a.id());
            }));
        }
        go.countDown();
        Set<String> seen = new HashSet<>();
        for (Future<String> f : results) {
            seen.add(f.get());
        }
        pool.shutdown();
        assertThat(seen).hasSize(1).doesNotContain("about-to-expire");
        assertThat(tokens.status(a.id()).orElseThrow().refreshCount()).isEqualTo(1);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aTokenRefreshHoldsNoRowLockWhileWeChatAnswers() throws Exception {
        Acc a = account();
        control.post("/_sandbox/accounts/" + a.appId() + "/faults", Json.createObjectBuilder().add("latencyMs", 3000)
                .add("apis", Json.createArrayBuilder().add("stable_token")).build());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> refreshing = pool.submit(() -> tokens.token(a.id()));
            // the refresh is under way once its lease is visible to other transactions
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean leased = false;
            while (!leased && System.nanoTime() < deadline) {
                tx.begin();
                leased = ((Number) em.createNativeQuery("select count(*) from wechat.access_token where account_id = ?1 and lease_until > now()")
                        .setParameter(1, a.id()).getSingleResult()).intValue() == 1;
                tx.commit();
                if (!leased) {
                    Thread.sleep(20);
                }
            }
            assertThat(leased).as("the refresh lease is committed before WeChat is called").isTrue();
            assertThat(refreshing.isDone()).as("WeChat is still answering").isFalse();
            tx.begin();
            try {
                // NOWAIT fails at once if the refresh held the row lock during the HTTP call
                assertThat(em.createNativeQuery("select account_id from wechat.access_token where account_id = ?1 for update nowait")
                        .setParameter(1, a.id()).getResultList()).hasSize(1);
            } finally {
                tx.rollback();
            }
            assertThat(refreshing.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotBlank();
            tx.begin();
            Object[] row = (Object[]) em.createNativeQuery("select refresh_count, lease_id from wechat.access_token where account_id = ?1")
                    .setParameter(1, a.id()).getSingleResult();
            tx.commit();
            assertThat(((Number) row[0]).longValue()).isEqualTo(1);
            assertThat(row[1]).as("the lease ends with the stored token").isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aStaleTokenIsRefreshedOnceAndTheCallRetriedOnce() {
        Acc a = account();
        templates.list(a.id());
        long before = tokens.status(a.id()).orElseThrow().refreshCount();
        control.advanceClock(7200 + 600); // WeChat now considers Fanmail's cached token expired
        try {
            assertThat(templates.list(a.id())).isNotNull();
            assertThat(tokens.status(a.id()).orElseThrow().refreshCount()).isEqualTo(before + 1);
        } finally {
            control.resetClock();
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aWrongSecretMarksTheAccountInErrorWithoutAStormOfCalls() {
        Acc a = account(AccountType.SERVICE, hex(32));
        assertThatThrownBy(() -> tokens.token(a.id())).isInstanceOfSatisfying(WeChatException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_INVALID));
        var status = tokens.status(a.id()).orElseThrow();
        assertThat(status.lastErrorCode()).isNotNull();
        assertThat(status.retryAfter()).isAfter(Instant.now());
        Instant failedAt = status.failedAt();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> templates.list(a.id())).isInstanceOfSatisfying(WeChatException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_INVALID));
        }
        assertThat(tokens.status(a.id()).orElseThrow().failedAt()).as("no further token call during the back-off").isEqualTo(failedAt);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void templatesLibraryAndSending() {
        Acc a = account();
        control.seedFans(a.appId(), 10);
        String openid = fans.followers(a.id(), null).openids().get(0);
        templates.setIndustries(a.id(), 1, 4);
        assertThat(templates.industries(a.id()).primary()).isNotNull();
        assertThatThrownBy(() -> templates.setIndustries(a.id(), 2, 4)).as("second change in a month")
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.errcode()).isEqualTo(43100));

        String templateId = templates.add(a.id(), "TM00015", List.of());
        var library = templates.list(a.id());
        assertThat(library).extracting(WeChatTemplates.PrivateTemplate::templateId).contains(templateId);
        var template = library.stream().filter(t -> t.templateId().equals(templateId)).findFirst().orElseThrow();
        List<String> keys = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\\{\\{(\\w+)\\.DATA}}").matcher(template.content());
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).isNotEmpty();
        Map<String, String> data = new java.util.LinkedHashMap<>();
        keys.forEach(k -> data.put(k, "值" + k));
        String msgId = templates.send(a.id(), new TemplateMessage(openid, templateId, "https://example.com", null, null, "c-" + hex(8), data));
        assertThat(msgId).matches("\\d+");

        String clientMsgId = "dedupe-" + hex(8);
        String first = templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, clientMsgId, data));
        String again = templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, clientMsgId, data));
        assertThat(again).as("client_msg_id makes the retry idempotent").isEqualTo(first);

        Map<String, String> wrong = new java.util.LinkedHashMap<>(data);
        wrong.put("nosuchkey", "x");
        wrong.remove(keys.get(0));
        assertThatThrownBy(() -> templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, wrong)))
                .isInstanceOfSatisfying(WeChatException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(47003);
                    assertThat(e.kind()).isEqualTo(Kind.REQUEST_INVALID);
                    assertThat(e.field()).isNotNull();
                });
        assertThatThrownBy(() -> templates.send(a.id(), new TemplateMessage(openid, "no-such-template", null, null, null, null, data)))
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.errcode()).isEqualTo(40037));
        assertThatThrownBy(() -> templates.send(a.id(), new TemplateMessage("oNotAFollower000000000000000", templateId, null, null, null, null, data)))
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RECIPIENT_FINAL));

        assertThat(templates.blocked(a.id(), templateId, 0, 10)).isNotNull();
        templates.delete(a.id(), templateId);
        assertThat(templates.list(a.id())).extracting(WeChatTemplates.PrivateTemplate::templateId).doesNotContain(templateId);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void atMostTwentyFiveTemplates() {
        Acc a = account();
        List<WeChatTemplates.PrivateTemplate> existing = templates.list(a.id());
        existing.forEach(t -> templates.delete(a.id(), t.templateId()));
        for (int i = 0; i < 25; i++) {
            templates.add(a.id(), "TM00015", List.of());
        }
        assertThatThrownBy(() -> templates.add(a.id(), "TM00015", List.of()))
                .isInstanceOfSatisfying(WeChatException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(45026);
                    assertThat(e.kind()).isEqualTo(Kind.LIMIT);
                });
    }

    @Test
    @OperateOnDeployment("fanmail")
    void followersPageByTenThousandAndTagsWork() {
        Acc a = account();
        control.seedFans(a.appId(), 25_000);
        WeChatFans.FollowerPage p1 = fans.followers(a.id(), null);
        assertThat(p1.total()).isEqualTo(25_000);
        assertThat(p1.openids()).hasSize(10_000);
        WeChatFans.FollowerPage p2 = fans.followers(a.id(), p1.nextOpenid());
        WeChatFans.FollowerPage p3 = fans.followers(a.id(), p2.nextOpenid());
        assertThat(p3.openids()).hasSize(5_000);
        assertThat(p3.nextOpenid()).isNull();
        Set<String> all = new HashSet<>(p1.openids());
        all.addAll(p2.openids());
        all.addAll(p3.openids());
        assertThat(all).hasSize(25_000);
        // the non-blocking calls (GET with next_openid beside the token) page alike
        WeChatFans.FollowerPage a2 = fans.followersAsync(a.id(), p1.nextOpenid()).toCompletableFuture().join();
        assertThat(a2.openids()).isEqualTo(p2.openids());
        assertThat(a2.nextOpenid()).isEqualTo(p2.nextOpenid());
        assertThat(fans.followersAsync(a.id(), p2.nextOpenid()).toCompletableFuture().join().nextOpenid()).isNull();

        List<WeChatFans.Fan> details = fans.details(a.id(), p1.openids().subList(0, 100));
        assertThat(details).hasSize(100).allSatisfy(f -> assertThat(f.subscribed()).isTrue());

        WeChatFans.Tag tag = fans.createTag(a.id(), "合同测试" + hex(3));
        fans.tag(a.id(), tag.id(), p1.openids().subList(0, 50));
        assertThat(fans.tagsOf(a.id(), p1.openids().get(0))).contains(tag.id());
        assertThat(fans.tagMembers(a.id(), tag.id(), null).openids()).hasSize(50);
        fans.untag(a.id(), tag.id(), p1.openids().subList(0, 10));
        assertThat(fans.tagMembers(a.id(), tag.id(), null).openids()).hasSize(40);
        assertThat(fans.tagMembersAsync(a.id(), tag.id(), null).toCompletableFuture().join().openids()).hasSize(40);
        assertThat(fans.tagsAsync(a.id()).toCompletableFuture().join()).extracting(WeChatFans.Tag::id).contains(tag.id());
        fans.renameTag(a.id(), tag.id(), "renamed" + hex(3));
        assertThat(fans.tags(a.id())).extracting(WeChatFans.Tag::id).contains(tag.id());
        fans.deleteTag(a.id(), tag.id());
        assertThat(fans.tags(a.id())).extracting(WeChatFans.Tag::id).doesNotContain(tag.id());
        assertThatThrownBy(() -> fans.deleteTag(a.id(), 1)).as("reserved tag").isInstanceOf(WeChatException.class);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void customerServiceMessagesOnlyInsideTheWindow() {
        Acc a = account();
        control.seedFans(a.appId(), 5);
        String openid = fans.followers(a.id(), null).openids().get(0);
        assertThatThrownBy(() -> messages.sendServiceMessage(a.id(), openid, new ServiceContent.Text("hi"), null))
                .isInstanceOfSatisfying(WeChatException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(45015);
                    assertThat(e.kind()).isEqualTo(Kind.RECIPIENT_FINAL);
                });
        control.simulate(a.appId(), "text", openid, "你好");
        for (int i = 0; i < 5; i++) {
            messages.sendServiceMessage(a.id(), openid, i % 2 == 0 ? new ServiceContent.Text("reply " + i)
                    : new ServiceContent.News("t", "d", "https://example.com", "https://example.com/p.png"), null);
        }
        assertThatThrownBy(() -> messages.sendServiceMessage(a.id(), openid, new ServiceContent.Text("sixth"), null))
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.errcode()).isEqualTo(45047));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void massSendsAreIdempotentByClientMsgIdAndValidated() {
        Acc a = account();
        control.seedFans(a.appId(), 20);
        List<String> openids = fans.followers(a.id(), null).openids();
        String clientMsgId = "mass-" + hex(10);
        WeChatMessages.MassJob job = messages.sendMass(a.id(), new Audience.Openids(openids.subList(0, 10)),
                new MassContent.Text("群发测试"), clientMsgId, false);
        assertThat(job.msgId()).matches("\\d+");
        WeChatMessages.MassJob again = messages.sendMass(a.id(), new Audience.Openids(openids.subList(0, 10)),
                new MassContent.Text("群发测试"), clientMsgId, false);
        assertThat(again.msgId()).isEqualTo(job.msgId());
        assertThat(messages.massStatus(a.id(), job.msgId())).isIn("SENDING", "SEND_SUCCESS");

        assertThatThrownBy(() -> messages.sendMass(a.id(), new Audience.Openids(openids.subList(0, 1)), new MassContent.Text("x"), null, false))
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.errcode()).isEqualTo(40130));
        WeChatMessages.MassJob toAll = messages.sendMass(a.id(), new Audience.All(), new MassContent.Text("全部"), "all-" + hex(6), true);
        assertThat(toAll.msgId()).isNotBlank();
        messages.previewMass(a.id(), openids.get(0), new MassContent.Text("预览"));
        messages.setMassSpeed(a.id(), 2);
        assertThat(messages.massSpeed(a.id()).level()).isEqualTo(2);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void subscriptionAccountsHaveOneMassSendPerDay() {
        Acc a = account(AccountType.SUBSCRIPTION, null);
        control.seedFans(a.appId(), 5);
        messages.sendMass(a.id(), new Audience.All(), new MassContent.Text("today"), "sub-" + hex(6), false);
        assertThatThrownBy(() -> messages.sendMass(a.id(), new Audience.All(), new MassContent.Text("again"), "sub-" + hex(6), false))
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.errcode()).isEqualTo(45028));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void mediaMaterialsAndDraftsForNewsMassSends() {
        Acc a = account();
        control.seedFans(a.appId(), 5);
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        WeChatMaterials.UploadedMedia temp = materials.uploadTemporary(a.id(), MediaKind.IMAGE, "pixel.png", "image/png", png);
        assertThat(temp.mediaId()).isNotBlank();
        WeChatMaterials.PermanentMedia cover = materials.addPermanent(a.id(), MediaKind.IMAGE, "cover.png", "image/png", png, null, null);
        assertThat(cover.mediaId()).isNotBlank();
        assertThat(materials.uploadArticleImage(a.id(), "inline.png", "image/png", png)).startsWith("http");
        assertThat(materials.counts(a.id()).images()).isEqualTo(1);
        assertThat(materials.materials(a.id(), MediaKind.IMAGE, 0, 20).items()).extracting(WeChatMaterials.Material::mediaId)
                .contains(cover.mediaId());
        assertThatThrownBy(() -> materials.addPermanent(a.id(), MediaKind.VIDEO, "v.mp4", "video/mp4", png, null, null))
                .as("a video without a description").isInstanceOf(WeChatException.class);

        WeChatMaterials.Article article = new WeChatMaterials.Article("春季上新", "Fanmail", "摘要", "<p>正文</p>", "https://example.com",
                cover.mediaId(), true, false);
        String draftId = materials.addDraft(a.id(), List.of(article));
        assertThat(materials.draft(a.id(), draftId)).extracting(WeChatMaterials.Article::title).containsExactly("春季上新");
        materials.updateDraft(a.id(), draftId, 0, new WeChatMaterials.Article("春季上新（改）", "Fanmail", "摘要", "<p>正文</p>", null,
                cover.mediaId(), false, false));
        assertThat(materials.drafts(a.id(), 0, 20).items()).extracting(WeChatMaterials.Draft::mediaId).contains(draftId);
        assertThat(materials.draft(a.id(), draftId).get(0).title()).isEqualTo("春季上新（改）");

        WeChatMessages.MassJob news = messages.sendMass(a.id(), new Audience.All(), new MassContent.News(draftId), "news-" + hex(6), true);
        assertThat(news.msgId()).isNotBlank();

        // a draft sent as a mass message leaves the draft box (WeChat moves it to the published list)
        assertThatThrownBy(() -> materials.draft(a.id(), draftId)).isInstanceOf(WeChatException.class);
        assertThat(materials.drafts(a.id(), 0, 20).items()).extracting(WeChatMaterials.Draft::mediaId).doesNotContain(draftId);
        String unsent = materials.addDraft(a.id(), List.of(article));
        materials.deleteDraft(a.id(), unsent);
        assertThatThrownBy(() -> materials.draft(a.id(), unsent)).isInstanceOf(WeChatException.class);
        materials.deletePermanent(a.id(), cover.mediaId());
        assertThat(materials.counts(a.id()).images()).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void asynchronousSendsHandleAStaleTokenToo() throws Exception {
        Acc a = account();
        control.seedFans(a.appId(), 3);
        String openid = fans.followers(a.id(), null).openids().get(0);
        String templateId = templates.add(a.id(), "TM00015", List.of());
        var template = templates.list(a.id()).stream().filter(t -> t.templateId().equals(templateId)).findFirst().orElseThrow();
        Map<String, String> data = new java.util.LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("\\{\\{(\\w+)\\.DATA}}").matcher(template.content());
        while (m.find()) {
            data.put(m.group(1), "v");
        }
        String first = templates.sendAsync(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, data))
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(first).matches("\\d+");
        long before = tokens.status(a.id()).orElseThrow().refreshCount();
        control.advanceClock(7200 + 600);
        try {
            String second = templates.sendAsync(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, data))
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(second).matches("\\d+").isNotEqualTo(first);
            assertThat(tokens.status(a.id()).orElseThrow().refreshCount()).isEqualTo(before + 1);
        } finally {
            control.resetClock();
        }
        var failed = templates.sendAsync(a.id(), new TemplateMessage(openid, "no-such-template", null, null, null, null, data))
                .toCompletableFuture();
        assertThatThrownBy(() -> failed.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(WeChatException.class);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void quotaOfTodaysTemplateSendsCountsEachSend() {
        Acc a = account();
        control.seedFans(a.appId(), 3);
        String openid = fans.followers(a.id(), null).openids().get(0);
        WeChatQuotas.DailyQuota before = quotas.dailyQuota(a.id(), QuotedApi.TEMPLATE_SEND);
        assertThat(before.used()).isZero();
        assertThat(before.dailyLimit()).isPositive();
        assertThat(before.remaining()).isEqualTo(before.dailyLimit());
        String templateId = templates.add(a.id(), "TM00015", List.of());
        Map<String, String> data = new java.util.LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("\\{\\{(\\w+)\\.DATA}}").matcher(templates.list(a.id()).stream()
                .filter(t -> t.templateId().equals(templateId)).findFirst().orElseThrow().content());
        while (m.find()) {
            data.put(m.group(1), "v");
        }
        templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, data));
        templates.send(a.id(), new TemplateMessage(openid, templateId, null, null, null, null, data));
        WeChatQuotas.DailyQuota after = quotas.dailyQuota(a.id(), QuotedApi.TEMPLATE_SEND);
        assertThat(after).isEqualTo(new WeChatQuotas.DailyQuota(before.dailyLimit(), 2, before.dailyLimit() - 2));
        assertThat(quotas.dailyQuota(a.id(), QuotedApi.SERVICE_SEND).used()).as("another API's quota").isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void massPreviewByWeChatIdReachesThatWeChatId() {
        Acc a = account();
        String weChatId = "preview_" + hex(6);
        messages.previewMassToWeChatId(a.id(), weChatId, new MassContent.Text("按微信号预览"));
        JsonObject ledger = control.get("/_sandbox/accounts/" + a.appId() + "/ledger?kind=preview");
        assertThat(ledger.getJsonArray("entries")).singleElement().satisfies(e -> {
            assertThat(e.asJsonObject().getString("towxname")).isEqualTo(weChatId);
            assertThat(e.asJsonObject().getString("openid")).isEmpty();
        });
        assertThatThrownBy(() -> messages.previewMassToWeChatId(a.id(), " ", new MassContent.Text("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void massSpeedGivesTheLevelAndTheRealRate() {
        Acc a = account();
        messages.setMassSpeed(a.id(), 3);
        assertThat(messages.massSpeed(a.id())).isEqualTo(new WeChatMessages.MassSpeed(3, 300_000));
        messages.setMassSpeed(a.id(), 0);
        assertThat(messages.massSpeed(a.id())).isEqualTo(new WeChatMessages.MassSpeed(0, 800_000));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void permanentMaterialsDownloadAsFilesOrVideoLinks() {
        Acc a = account();
        WeChatMaterials.PermanentMedia image = materials.addPermanent(a.id(), MediaKind.IMAGE, "cover.png", "image/png", PNG, null, null);
        assertThat(materials.permanentContent(a.id(), image.mediaId())).isInstanceOfSatisfying(WeChatMaterials.MediaContent.File.class, f -> {
            assertThat(f.contentType()).isEqualTo("image/png");
            assertThat(f.bytes()).startsWith(0x89, 'P', 'N', 'G');
        });
        byte[] voice = "ID3 not really an mp3".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        WeChatMaterials.PermanentMedia sound = materials.addPermanent(a.id(), MediaKind.VOICE, "hello.mp3", "audio/mpeg", voice, null, null);
        assertThat(materials.permanentContent(a.id(), sound.mediaId())).isInstanceOfSatisfying(WeChatMaterials.MediaContent.File.class, f -> {
            assertThat(f.contentType()).isEqualTo("audio/amr");
            // the sandbox keeps sizes, not bytes: it answers with a placeholder naming the material
            assertThat(new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("SANDBOX voice " + sound.mediaId() + " " + voice.length + " bytes");
        });
        WeChatMaterials.PermanentMedia video = materials.addPermanent(a.id(), MediaKind.VIDEO, "clip.mp4", "video/mp4", voice, "新品视频", "三十秒");
        assertThat(materials.permanentContent(a.id(), video.mediaId())).isInstanceOfSatisfying(WeChatMaterials.MediaContent.VideoLink.class, v -> {
            assertThat(v.title()).isEqualTo("新品视频");
            assertThat(v.description()).isEqualTo("三十秒");
            assertThat(v.url()).startsWith("http").contains(video.mediaId());
        });
        WeChatMaterials.UploadedMedia temporary = materials.uploadTemporary(a.id(), MediaKind.IMAGE, "t.png", "image/png", PNG);
        assertThatThrownBy(() -> materials.permanentContent(a.id(), temporary.mediaId())).as("a temporary media is no permanent material")
                .isInstanceOfSatisfying(WeChatException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(40007);
                    assertThat(e.kind()).isEqualTo(Kind.REQUEST_INVALID);
                });
    }

    @Test
    @OperateOnDeployment("fanmail")
    void temporaryMediaDownloadAsFilesOrVideoLinks() {
        Acc a = account();
        WeChatMaterials.UploadedMedia image = materials.uploadTemporary(a.id(), MediaKind.IMAGE, "t.png", "image/png", PNG);
        assertThat(materials.temporaryContent(a.id(), image.mediaId())).isInstanceOfSatisfying(WeChatMaterials.MediaContent.File.class, f -> {
            assertThat(f.contentType()).isEqualTo("image/png");
            assertThat(f.bytes()).startsWith(0x89, 'P', 'N', 'G');
        });
        WeChatMaterials.UploadedMedia video = materials.uploadTemporary(a.id(), MediaKind.VIDEO, "t.mp4", "video/mp4", PNG);
        assertThat(materials.temporaryContent(a.id(), video.mediaId())).isInstanceOfSatisfying(WeChatMaterials.MediaContent.VideoLink.class,
                v -> assertThat(v.url()).startsWith("http").contains(video.mediaId()));
        assertThatThrownBy(() -> materials.temporaryContent(a.id(), "no-such-media-" + hex(8)))
                .isInstanceOfSatisfying(WeChatException.class, e -> assertThat(e.errcode()).isEqualTo(40007));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void draftCountFollowsAddsAndDeletes() {
        Acc a = account();
        assertThat(materials.draftCount(a.id())).isZero();
        WeChatMaterials.PermanentMedia cover = materials.addPermanent(a.id(), MediaKind.IMAGE, "cover.png", "image/png", PNG, null, null);
        WeChatMaterials.Article article = new WeChatMaterials.Article("草稿", "Fanmail", "", "<p>正文</p>", null, cover.mediaId(), false, false);
        String first = materials.addDraft(a.id(), List.of(article));
        materials.addDraft(a.id(), List.of(article, article));
        assertThat(materials.draftCount(a.id())).isEqualTo(2);
        materials.deleteDraft(a.id(), first);
        assertThat(materials.draftCount(a.id())).isEqualTo(1);
    }

    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }
}
