package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.fanmail.wechat.api.InboundEvent;
import app.fanmail.wechat.api.InboundEvent.DeliveryOutcome;

class InboundParserTest {
    private static final UUID ACCOUNT = UUID.randomUUID();

    private static InboundEvent parse(String xml) {
        return InboundParser.parse(ACCOUNT, 7, SafeXml.parse(xml));
    }

    private static String event(String event, String extra) {
        return "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oFan1]]></FromUserName>"
                + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + extra + "</xml>";
    }

    private static String message(String type, String extra) {
        return "<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>oFan1</FromUserName><CreateTime>1700000000</CreateTime>"
                + "<MsgType>" + type + "</MsgType>" + extra + "<MsgId>1234567890123456789</MsgId></xml>";
    }

    @ParameterizedTest
    @CsvSource({"template-success.xml,success,DELIVERED", "template-user-block.xml,failed:user block,USER_BLOCKED",
            "template-system-failed.xml,failed: system failed,SYSTEM_FAILED"})
    void seedSamplesOfTemplateDeliveryReports(String file, String status, DeliveryOutcome outcome) throws Exception {
        InboundEvent e = parse(SafeXmlTest.read(file));
        assertThat(e).isInstanceOfSatisfying(InboundEvent.TemplateDeliveryReported.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.outcome()).isEqualTo(outcome);
            assertThat(r.openid()).isEqualTo("oia2TjuEGTNoeX76QEjQNrcURxG8");
            assertThat(r.msgId()).startsWith("2001638");
        });
    }

    @Test
    void unknownDeliveryStatusesAreKeptVerbatim() {
        InboundEvent e = parse(event("TEMPLATESENDJOBFINISH", "<MsgID>3487542469355618313</MsgID><Status>failed:freq limit</Status>"));
        assertThat(e).isInstanceOfSatisfying(InboundEvent.TemplateDeliveryReported.class, r -> {
            assertThat(r.status()).isEqualTo("failed:freq limit");
            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.OTHER_FAILURE);
            assertThat(r.msgId()).isEqualTo("3487542469355618313");
        });
    }

    @Test
    void massSendFinishedKeepsEveryCountAndCheck() throws Exception {
        InboundEvent e = parse(SafeXmlTest.read("mass-finished.xml"));
        assertThat(e).isInstanceOfSatisfying(InboundEvent.MassSendFinished.class, m -> {
            assertThat(m.status()).isEqualTo("err(30003)");
            assertThat(m.msgId()).isEqualTo("1000001625");
            assertThat(m.copyrightCheckState()).isEqualTo(2);
            assertThat(m.copyrightResults()).hasSize(2);
            assertThat(m.copyrightResults().get(1)).containsEntry("OriginalArticleUrl", "Url_2");
            assertThat(m.articleUrls()).containsExactly(new InboundEvent.ArticleUrl(1, "https://mp.weixin.qq.com/s/abc"));
        });
    }

    @Test
    void userMessagesOfEveryType() {
        assertThat(parse(message("text", "<Content>你好</Content>"))).isInstanceOfSatisfying(InboundEvent.UserMessage.class, m -> {
            assertThat(m.msgType()).isEqualTo("text");
            assertThat(m.content()).containsEntry("Content", "你好");
            assertThat(m.msgId()).isEqualTo("1234567890123456789");
        });
        for (String type : new String[] {"image", "voice", "video", "shortvideo", "location", "link"}) {
            assertThat(parse(message(type, "<MediaId>m</MediaId>"))).isInstanceOf(InboundEvent.UserMessage.class);
        }
        assertThat(((InboundEvent.UserMessage) parse(message("location", "<Location_X>23.1</Location_X><Location_Y>113.3</Location_Y>"
                + "<Scale>20</Scale><Label>广州</Label>"))).content()).containsEntry("Label", "广州").containsEntry("Location_X", "23.1");
    }

    @Test
    void followsScansMenusAndLocation() {
        assertThat(parse(event("subscribe", "<EventKey>qrscene_spring</EventKey><Ticket>T1</Ticket>")))
                .isEqualTo(new InboundEvent.Followed(ACCOUNT, 7, "oFan1", java.time.Instant.ofEpochSecond(1700000000), "spring", "T1"));
        assertThat(parse(event("subscribe", ""))).isInstanceOfSatisfying(InboundEvent.Followed.class, f -> assertThat(f.scene()).isNull());
        assertThat(parse(event("unsubscribe", ""))).isInstanceOf(InboundEvent.Unfollowed.class);
        assertThat(parse(event("SCAN", "<EventKey>42</EventKey><Ticket>T</Ticket>")))
                .isInstanceOfSatisfying(InboundEvent.QrScanned.class, s -> assertThat(s.scene()).isEqualTo("42"));
        assertThat(parse(event("CLICK", "<EventKey>MENU_A</EventKey>")))
                .isInstanceOfSatisfying(InboundEvent.MenuClicked.class, c -> assertThat(c.eventKey()).isEqualTo("MENU_A"));
        assertThat(parse(event("VIEW", "<EventKey>https://example.com</EventKey>")))
                .isInstanceOfSatisfying(InboundEvent.MenuLinkOpened.class, v -> assertThat(v.url()).isEqualTo("https://example.com"));
        assertThat(parse(event("scancode_waitmsg", "<EventKey>S</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>R</ScanResult></ScanCodeInfo>")))
                .isInstanceOfSatisfying(InboundEvent.CodeScanned.class, s -> {
                    assertThat(s.waitsForMessage()).isTrue();
                    assertThat(s.scanResult()).isEqualTo("R");
                });
        assertThat(parse(event("scancode_push", "<EventKey>S</EventKey>")))
                .isInstanceOfSatisfying(InboundEvent.CodeScanned.class, s -> assertThat(s.waitsForMessage()).isFalse());
        assertThat(parse(event("LOCATION", "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>")))
                .isInstanceOfSatisfying(InboundEvent.LocationReported.class, l -> assertThat(l.latitude()).isEqualTo(23.137466));
    }

    @Test
    void unknownTypesAreKeptNotDropped() {
        assertThat(parse(event("user_pay_from_pay_cell", "<CardId>c</CardId>"))).isInstanceOfSatisfying(InboundEvent.Unrecognized.class,
                u -> assertThat(u.fields()).containsEntry("CardId", "c"));
        assertThat(parse(message("miniprogrampage", ""))).isInstanceOf(InboundEvent.Unrecognized.class);
    }

    @Test
    void dedupeKeysFollowWeChatsRules() {
        Map<String, Object> msg = SafeXml.parse(message("text", "<Content>a</Content>"));
        assertThat(InboundParser.naturalKey(msg)).isEqualTo("msg:1234567890123456789");
        Map<String, Object> click = SafeXml.parse(event("CLICK", "<EventKey>K</EventKey>"));
        Map<String, Object> otherKey = SafeXml.parse(event("CLICK", "<EventKey>L</EventKey>"));
        assertThat(InboundParser.dedupeKey(click)).isEqualTo(InboundParser.dedupeKey(SafeXml.parse(event("CLICK", "<EventKey>K</EventKey>"))))
                .isNotEqualTo(InboundParser.dedupeKey(otherKey));
    }

    @Test
    void dedupeKeysHaveAFixedLengthWhateverTheMenuUrl() {
        String oauth = "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx0123456789abcdef&redirect_uri="
                + "https%3A%2F%2Fexample.com%2F" + "a".repeat(400) + "&response_type=code&scope=snsapi_base#wechat_redirect";
        Map<String, Object> view = SafeXml.parse(event("VIEW", "<EventKey><![CDATA[" + oauth + "]]></EventKey>"));
        assertThat(InboundParser.dedupeKey(view)).hasSize(64).matches("[0-9a-f]{64}")
                .isNotEqualTo(InboundParser.dedupeKey(SafeXml.parse(event("VIEW", "<EventKey><![CDATA[" + oauth + "x]]></EventKey>"))));
    }

    @Test
    void fieldsThatWouldNotFitAreRefusedNotCut() {
        InboundParser.validate(SafeXml.parse(event("VIEW", "<EventKey>" + "k".repeat(2000) + "</EventKey>")));
        String longFan = "<xml><FromUserName>" + "o".repeat(65) + "</FromUserName><MsgType>text</MsgType><MsgId>1</MsgId></xml>";
        assertThatThrownBy(() -> InboundParser.validate(SafeXml.parse(longFan))).isInstanceOf(SafeXml.XmlRejected.class)
                .hasMessageContaining("FromUserName");
        assertThatThrownBy(() -> InboundParser.validate(SafeXml.parse(event("E".repeat(65), "")))).isInstanceOf(SafeXml.XmlRejected.class);
        assertThatThrownBy(() -> InboundParser.validate(SafeXml.parse("<xml><MsgType>" + "t".repeat(33) + "</MsgType></xml>")))
                .isInstanceOf(SafeXml.XmlRejected.class);
    }

    @Test
    void windowsOpenAsWeChatSaysAtTheFansCreateTimeAndRecordTheirTrigger() {
        WindowRules rules = new WindowRules(5, java.time.Duration.ofHours(48), 3, java.time.Duration.ofMinutes(1));
        java.time.Instant created = java.time.Instant.ofEpochSecond(1700000000);
        java.time.Instant processedLater = created.plusSeconds(600);
        assertThat(rules.openedBy(parse(message("text", "<Content>a</Content>")), processedLater)).hasValueSatisfying(o -> {
            assertThat(o.kind()).isEqualTo(WindowRules.Kind.MESSAGE);
            assertThat(o.trigger()).isEqualTo(WindowRules.Trigger.MESSAGE);
            assertThat(o.quota()).isEqualTo(5);
            assertThat(o.openedAt()).as("CreateTime, not the processing time").isEqualTo(created);
            assertThat(o.expiresAt()).isEqualTo(created.plus(java.time.Duration.ofHours(48)));
        });
        Map<String, WindowRules.Trigger> triggers = Map.of("CLICK", WindowRules.Trigger.CLICK, "scancode_push", WindowRules.Trigger.CODE_SCAN,
                "scancode_waitmsg", WindowRules.Trigger.CODE_SCAN, "subscribe", WindowRules.Trigger.FOLLOW, "SCAN", WindowRules.Trigger.QR_SCAN);
        triggers.forEach((e, trigger) -> assertThat(rules.openedBy(parse(event(e, "<EventKey>k</EventKey>")), processedLater)).as(e)
                .hasValueSatisfying(o -> {
                    assertThat(o.kind()).isEqualTo(WindowRules.Kind.INTERACTION);
                    assertThat(o.trigger()).isEqualTo(trigger);
                    assertThat(o.quota()).isEqualTo(3);
                    assertThat(o.expiresAt()).isEqualTo(created.plusSeconds(60));
                }));
        for (String e : new String[] {"VIEW", "unsubscribe", "LOCATION", "TEMPLATESENDJOBFINISH", "MASSSENDJOBFINISH"}) {
            assertThat(rules.openedBy(parse(event(e, "<EventKey>k</EventKey>")), processedLater)).as(e).isEmpty();
        }
    }

    @Test
    void aCreateTimeAfterThePushArrivedCountsAsTheArrival() {
        WindowRules rules = new WindowRules(5, java.time.Duration.ofHours(48), 3, java.time.Duration.ofMinutes(1));
        java.time.Instant arrived = java.time.Instant.ofEpochSecond(1700000000).minusSeconds(3600);
        assertThat(rules.openedBy(parse(message("text", "<Content>a</Content>")), arrived).orElseThrow().openedAt()).isEqualTo(arrived);
    }
}
