package app.fanmail.app.it;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import app.fanmail.testing.FanmailClient;
import app.fanmail.wechat.domain.CallbackCrypto;

/** Posts pushes to Fanmail's callback URL the way WeChat does, in each encryption mode. */
final class Callbacks {
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private Callbacks() {
    }

    record Account(String id, String appId, String token, String mode) {
    }

    static Account create(FanmailClient admin, String mode) {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", mode);
        if ("PLAIN".equals(mode)) {
            input.remove("encodingAesKey");
        } else {
            input.put("encodingAesKey", AES_KEY);
        }
        String id = Accounts.create(admin, input).getJsonObject("account").getString("id");
        return new Account(id, (String) input.get("appId"), (String) input.get("token"), mode);
    }

    /** Signs (and in COMPATIBLE/SAFE mode encrypts) {@code xml} like WeChat and posts it. */
    static HttpResponse<String> push(FanmailClient client, Account account, String xml) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = CallbackCrypto.nonce();
        String signature = CallbackCrypto.signature(account.token(), timestamp, nonce);
        String query = "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=o1";
        String body = xml;
        if (!"PLAIN".equals(account.mode())) {
            String encrypt = CallbackCrypto.encrypt(AES_KEY, account.appId(), xml);
            String msgSignature = CallbackCrypto.signature(account.token(), timestamp, nonce, encrypt);
            query += "&encrypt_type=aes&msg_signature=" + msgSignature;
            body = "COMPATIBLE".equals(account.mode())
                    ? xml.replace("</xml>", "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>")
                    : "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
        }
        return raw(client, account, query, body);
    }

    static HttpResponse<String> raw(FanmailClient client, Account account, String query, String body) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/wechat/callback/" + account.appId() + "?" + query))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A PLAIN-mode signed query with a current timestamp and a fresh nonce. */
    static String plainQuery(Account account) {
        return plainQuery(account, now());
    }

    /** A PLAIN-mode signed query with this timestamp and a fresh nonce. */
    static String plainQuery(Account account, long timestamp) {
        String nonce = "n" + System.nanoTime();
        return "signature=" + CallbackCrypto.signature(account.token(), Long.toString(timestamp), nonce) + "&timestamp=" + timestamp
                + "&nonce=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String event(String openid, long createTime, String event, String extra) {
        return "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event + "]]></Event>"
                + extra + "</xml>";
    }

    static String message(String openid, String type, String msgId, String extra) {
        return "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
                + "<CreateTime>" + (System.currentTimeMillis() / 1000) + "</CreateTime><MsgType><![CDATA[" + type + "]]></MsgType>"
                + extra + "<MsgId>" + msgId + "</MsgId></xml>";
    }
}
