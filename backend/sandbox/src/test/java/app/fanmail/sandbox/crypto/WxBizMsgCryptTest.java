package app.fanmail.sandbox.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors from Tencent's official WXBizMsgCrypt samples (WXBizMsgCryptTest, reproduced in many
 * public SDK repositories): key "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId "wxb11529c136998cb6",
 * random prefix "aaaabbbbccccdddd"; and the URL-verification vector (token QDG6eK).
 */
class WxBizMsgCryptTest {

    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String APP_ID = "wxb11529c136998cb6";
    private static final byte[] RANDOM = "aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII);

    private static final String REPLY = "我是中文abcd123";
    private static final String REPLY_CIPHER =
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    private static final String REPLY2 = "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
            + "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime>"
            + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]>"
            + "</MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]>"
            + "</Description></Video></xml>";
    private static final String REPLY2_CIPHER = "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";

    @Test
    void encryptsTheOfficialSampleBitForBit() {
        WxBizMsgCrypt crypt = new WxBizMsgCrypt("pamtest", KEY, APP_ID);
        assertThat(crypt.encrypt(RANDOM, REPLY)).isEqualTo(REPLY_CIPHER);
        assertThat(crypt.encrypt(RANDOM, REPLY2)).isEqualTo(REPLY2_CIPHER);
    }

    @Test
    void decryptsTheOfficialSample() {
        WxBizMsgCrypt crypt = new WxBizMsgCrypt("pamtest", KEY, APP_ID);
        WxBizMsgCrypt.Decrypted d = crypt.decrypt(REPLY2_CIPHER);
        assertThat(d.message()).isEqualTo(REPLY2);
        assertThat(d.appId()).isEqualTo(APP_ID);
    }

    @Test
    void verifiesTheOfficialUrlVerificationSample() {
        WxBizMsgCrypt crypt = new WxBizMsgCrypt("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                "wx5823bf96d3bd56c7");
        String echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
        assertThat(crypt.msgSignature("1409659589", "263014780", echo))
                .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
        WxBizMsgCrypt.Decrypted d = crypt.verifyAndDecrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589",
                "263014780", echo);
        assertThat(d.appId()).isEqualTo("wx5823bf96d3bd56c7");
        assertThat(d.message()).isNotEmpty();
    }

    @Test
    void roundTripsWithRandomPrefixesAndEveryPaddingLength() {
        WxBizMsgCrypt crypt = new WxBizMsgCrypt("token", KEY, "wx1234567890abcdef");
        StringBuilder msg = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            String c = crypt.encrypt(msg.toString());
            assertThat(crypt.decrypt(c).message()).isEqualTo(msg.toString());
            assertThat(java.util.Base64.getDecoder().decode(c).length % 32).isZero();
            msg.append(i % 3 == 0 ? "中" : "x");
        }
        assertThat(crypt.encrypt("same")).isNotEqualTo(crypt.encrypt("same"));
    }

    @Test
    void rejectsAnotherAppIdABadSignatureAndABadKey() {
        String c = new WxBizMsgCrypt("t", KEY, "wxother").encrypt("hello");
        assertThatThrownBy(() -> new WxBizMsgCrypt("t", KEY, APP_ID).decrypt(c))
                .isInstanceOf(CryptException.class).extracting(e -> ((CryptException) e).code())
                .isEqualTo(CryptException.VALIDATE_APPID_ERROR);
        assertThatThrownBy(() -> new WxBizMsgCrypt("t", KEY, "wxother").verifyAndDecrypt("12345", "1", "2", c))
                .extracting(e -> ((CryptException) e).code()).isEqualTo(CryptException.VALIDATE_SIGNATURE_ERROR);
        assertThatThrownBy(() -> new WxBizMsgCrypt("t", "abcde", APP_ID))
                .extracting(e -> ((CryptException) e).code()).isEqualTo(CryptException.ILLEGAL_AES_KEY);
    }

    @Test
    void signatureSortsBeforeHashing() {
        // sha1("1409304348" + "pamtest" + "xxxxxx") — sorted order, independent of argument order
        assertThat(Signatures.sha1Sorted("pamtest", "1409304348", "xxxxxx"))
                .isEqualTo(Signatures.sha1Sorted("xxxxxx", "pamtest", "1409304348"))
                .isEqualTo(Signatures.sha1Hex("1409304348pamtestxxxxxx".getBytes(StandardCharsets.UTF_8)));
        assertThat(Signatures.sha1Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }
}
