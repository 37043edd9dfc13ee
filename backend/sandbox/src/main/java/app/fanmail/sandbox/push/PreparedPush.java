package app.fanmail.sandbox.push;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One push exactly as it goes on the wire (URL with query, body), kept so that it can be replayed unchanged.
 *
 * @param label        what it is: {@code TEMPLATESENDJOBFINISH}, {@code text}, {@code event:subscribe}…
 * @param plaintextXml the message before encryption
 */
public record PreparedPush(String label, String openid, String baseUrl, Map<String, String> query,
                           String fullUrl, byte[] body, String plaintextXml) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
