package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import app.fanmail.accounts.api.AccountType;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatLimits;
import app.fanmail.wechat.api.WeChatMaterials.Article;
import app.fanmail.wechat.api.WeChatMaterials.MediaKind;
import app.fanmail.wechat.api.WeChatRuleException;
import app.fanmail.wechat.api.WeChatRuleException.Rule;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WeChatRulesTest {

    private static void refused(ThrowingCallable call, Rule rule, int errcode, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WeChatRuleException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.errcode()).isEqualTo(errcode);
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.certainty()).isEqualTo(Certainty.NOT_PROCESSED);
            assertThat(e.kind()).isEqualTo(ErrorCodes.kindOf(errcode));
            assertThat(e.refusal()).as("the refusal WeChat's own answer would name").isEqualTo(ErrorCodes.refusalOf(errcode));
        });
    }

    private static Article article(String title, String author, String digest, String content, String thumb) {
        return new Article(title, author, digest, content, null, thumb, false, false);
    }

    @Test
    void typedTemplateValuesAreRefusedWith47003NamingTheField() {
        assertThatCode(() -> WeChatRules.requireSendable(Map.of("keyword1", "x".repeat(40), "thing2", "短"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> WeChatRules.requireSendable(Map.of("character_string1", "订单1")))
                .isInstanceOfSatisfying(WeChatRuleException.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.TEMPLATE_VALUE_INVALID);
                    assertThat(e.errcode()).isEqualTo(47003);
                    assertThat(e.kind()).isEqualTo(Kind.REQUEST_INVALID);
                    assertThat(e.field()).isEqualTo("character_string1");
                });
    }

    @Test
    void tagNamesAreCountedInUtf8Bytes() {
        assertThatCode(() -> WeChatRules.requireTagName("一二三四五六七八九十")).doesNotThrowAnyException(); // 30 bytes
        assertThatCode(() -> WeChatRules.requireTagName("a".repeat(30))).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireTagName("一二三四五六七八九十一"), Rule.TAG_NAME_TOO_LONG, 45158, Kind.REQUEST_INVALID); // 33 bytes
        refused(() -> WeChatRules.requireTagName("a".repeat(31)), Rule.TAG_NAME_TOO_LONG, 45158, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTagName("一二三四五六七八九十a"), Rule.TAG_NAME_TOO_LONG, 45158, Kind.REQUEST_INVALID); // 31 bytes
        refused(() -> WeChatRules.requireTagName(" "), Rule.TAG_NAME_EMPTY, 45157, Kind.REQUEST_INVALID);
    }

    @Test
    void reservedTagsCountAndBatches() {
        for (int id = 0; id < 3; id++) {
            int reserved = id;
            refused(() -> WeChatRules.requireChangeableTag(reserved), Rule.TAG_RESERVED, 45058, Kind.REQUEST_INVALID);
        }
        assertThatCode(() -> WeChatRules.requireChangeableTag(100)).doesNotThrowAnyException();
        assertThatCode(() -> WeChatRules.requireRoomForTag(99)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireRoomForTag(100), Rule.TAG_LIMIT, 45056, Kind.LIMIT);
        assertThatCode(() -> WeChatRules.requireTagBatch(Collections.nCopies(50, "o"))).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireTagBatch(Collections.nCopies(51, "o")), Rule.TAG_BATCH_SIZE, 40032, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTagBatch(List.of()), Rule.TAG_BATCH_SIZE, 40032, Kind.REQUEST_INVALID);
    }

    @Test
    void aRemarkIsThirtyBytesOfUtf8() {
        assertThatCode(() -> WeChatRules.requireRemark("一二三四五六七八九十")).doesNotThrowAnyException();
        assertThatCode(() -> WeChatRules.requireRemark("")).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireRemark("一二三四五六七八九十一"), Rule.REMARK_TOO_LONG, 40092, Kind.REQUEST_INVALID);
        assertThatThrownBy(() -> WeChatRules.requireRemark("a".repeat(31))).isInstanceOfSatisfying(WeChatRuleException.class,
                e -> assertThat(e.refusal()).isEqualTo(app.fanmail.wechat.api.WeChatException.Refusal.REMARK_TOO_LONG));
    }

    @Test
    void articleLimitsAtTheirBoundaries() {
        String title32 = "标".repeat(32);
        String author16 = "作".repeat(16);
        String digest128 = "摘".repeat(128);
        String content = "a".repeat(19_999);
        assertThatCode(() -> WeChatRules.requireDraft(List.of(article(title32, author16, digest128, content, "thumb")))).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireDraft(List.of(article(title32 + "x", null, null, "c", "thumb"))), Rule.ARTICLE_TITLE, 45003,
                Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireDraft(List.of(article("", null, null, "c", "thumb"))), Rule.ARTICLE_TITLE, 45003, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireDraft(List.of(article("t", author16 + "x", null, "c", "thumb"))), Rule.ARTICLE_AUTHOR, 45110,
                Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireDraft(List.of(article("t", null, digest128 + "x", "c", "thumb"))), Rule.ARTICLE_DIGEST, 45004,
                Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireDraft(List.of(article("t", null, null, "a".repeat(20_000), "thumb"))), Rule.ARTICLE_CONTENT, 45002,
                Kind.REQUEST_INVALID);
        // the 20,000 count the text, not the HTML tags around it
        String tagged = "<p>" + "中".repeat(19_990) + "</p><br/><span style=\"color:red\">字</span>";
        assertThatCode(() -> WeChatRules.requireArticle(article("t", null, null, tagged, "thumb"), "")).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireArticle(article("t", null, null, "<p>" + "中".repeat(20_000) + "</p>", "thumb"), ""),
                Rule.ARTICLE_CONTENT, 45002, Kind.REQUEST_INVALID);
        // few characters of text but 1 MB of HTML (markup, inline styles)
        String heavy = "<p style=\"" + "x".repeat(1 << 20) + "\">短</p>";
        refused(() -> WeChatRules.requireArticle(article("t", null, null, heavy, "thumb"), ""), Rule.ARTICLE_CONTENT, 45002, Kind.REQUEST_INVALID);
        String justUnder = "<p style=\"" + "x".repeat((1 << 20) - 20) + "\">短</p>";
        assertThatCode(() -> WeChatRules.requireArticle(article("t", null, null, justUnder, "thumb"), "")).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireArticle(article("t", null, null, "c", " "), "article."), Rule.ARTICLE_COVER, 40007, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireDraft(List.of()), Rule.ARTICLE_COUNT, 45008, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireDraft(Collections.nCopies(9, article("t", null, null, "c", "thumb"))), Rule.ARTICLE_COUNT, 45008,
                Kind.REQUEST_INVALID);
    }

    @Test
    void temporaryMediaFormatsAndSizes() {
        assertThatCode(() -> WeChatRules.requireTemporaryMedia(MediaKind.IMAGE, "a.PNG", "image/png", 10L << 20)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.IMAGE, "a.bmp", "image/bmp", 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.IMAGE, null, "image/x-ms-bmp", 10), Rule.MEDIA_FORMAT, 40005,
                Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.IMAGE, "a.png", "image/png", (10L << 20) + 1), Rule.MEDIA_SIZE, 40006,
                Kind.REQUEST_INVALID);
        assertThatCode(() -> WeChatRules.requireTemporaryMedia(MediaKind.VOICE, "a.amr", null, 2L << 20)).doesNotThrowAnyException();
        assertThatCode(() -> WeChatRules.requireTemporaryMedia(MediaKind.VOICE, null, "audio/mpeg", 100)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.VOICE, "a.wav", null, 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.VOICE, "a.wma", null, 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.VOICE, "a.mp3", null, (2L << 20) + 1), Rule.MEDIA_SIZE, 40006,
                Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.VIDEO, "a.mov", null, 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.VIDEO, "a.mp4", null, (10L << 20) + 1), Rule.MEDIA_SIZE, 40006,
                Kind.REQUEST_INVALID);
        assertThatCode(() -> WeChatRules.requireTemporaryMedia(MediaKind.THUMB, "a.jpg", null, 64L << 10)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.THUMB, "a.jpg", null, (64L << 10) + 1), Rule.MEDIA_SIZE, 40006,
                Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.THUMB, "a.png", null, 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireTemporaryMedia(MediaKind.IMAGE, "noextension", null, 10), Rule.MEDIA_FORMAT, 40005,
                Kind.REQUEST_INVALID);
    }

    @Test
    void permanentMaterialsTakeBmpWavAndWma() {
        assertThatCode(() -> WeChatRules.requirePermanentMedia(MediaKind.IMAGE, "a.bmp", null, 10)).doesNotThrowAnyException();
        assertThatCode(() -> WeChatRules.requirePermanentMedia(MediaKind.VOICE, "a.wav", null, 10)).doesNotThrowAnyException();
        assertThatCode(() -> WeChatRules.requirePermanentMedia(MediaKind.VOICE, "a.wma", null, 10)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requirePermanentMedia(MediaKind.IMAGE, "a.webp", null, 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        assertThatCode(() -> WeChatRules.requireArticleImage("a.jpg", null, 1L << 20)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireArticleImage("a.gif", null, 10), Rule.MEDIA_FORMAT, 40005, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireArticleImage("a.png", null, (1L << 20) + 1), Rule.MEDIA_SIZE, 40006, Kind.REQUEST_INVALID);
    }

    @Test
    void massByOpenidsIsForServiceAccountsWithTwoToTenThousand() {
        assertThatCode(() -> WeChatRules.requireMassToOpenids(AccountType.SERVICE, 2)).doesNotThrowAnyException();
        assertThatCode(() -> WeChatRules.requireMassToOpenids(AccountType.SERVICE, 10_000)).doesNotThrowAnyException();
        refused(() -> WeChatRules.requireMassToOpenids(AccountType.SUBSCRIPTION, 5), Rule.MASS_OPENIDS_SERVICE_ONLY, 48001, Kind.PERMISSION);
        refused(() -> WeChatRules.requireMassToOpenids(AccountType.SERVICE, 1), Rule.MASS_OPENID_COUNT, 40130, Kind.REQUEST_INVALID);
        refused(() -> WeChatRules.requireMassToOpenids(AccountType.SERVICE, 10_001), Rule.MASS_OPENID_COUNT, 40130, Kind.REQUEST_INVALID);
        assertThat(WeChatLimits.massSendsPerDay(AccountType.SUBSCRIPTION)).isEqualTo(1);
        assertThat(WeChatLimits.massSendsPerDay(AccountType.SERVICE)).isEqualTo(100);
        assertThat(WeChatLimits.massToOpenidsAllowed(AccountType.SUBSCRIPTION)).isFalse();
        refused(() -> {
            throw WeChatRules.previewLimitReached();
        }, Rule.MASS_PREVIEW_DAILY_LIMIT, 45009, Kind.DAILY_QUOTA);
    }
}
