package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Template sends remember the host the caller addressed, so that several senders on one address (Fanmail nodes on one
 * machine, addressing the sandbox as 127.0.0.1 and as localhost) can be told apart in a job's ledger page.
 */
class LedgerViaTest {

    private static final String DATA = "{\"first\":{\"value\":\"您好\"},\"keyword1\":{\"value\":\"1\"},"
            + "\"keyword2\":{\"value\":\"2\"},\"keyword3\":{\"value\":\"3\"},\"keyword4\":{\"value\":\"4\"}}";

    private final Sandbox sb = new Sandbox().serviceAccount().fans(10, null);

    private JsonObject send(int fan, String templateId, String clientMsgId, String host) {
        ApiCall call = ApiCall.post("cgi-bin/message/template/send", Map.of("access_token", sb.youngToken()),
                "{\"touser\":\"" + sb.openid(fan) + "\",\"template_id\":\"" + templateId + "\",\"client_msg_id\":\""
                        + clientMsgId + "\",\"data\":" + DATA + "}");
        return sb.raw(host == null ? call : call.withHost(host)).json();
    }

    @Test
    void aJobsLedgerPageCountsItsSendsByTheHostTheSenderAddressed() {
        JsonObject added = sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}");
        String t = added.getString("template_id");
        for (int i = 0; i < 3; i++) {
            assertThat(errcode(send(i, t, "job9:" + i, "127.0.0.1:8380"))).isZero();
        }
        for (int i = 3; i < 5; i++) {
            assertThat(errcode(send(i, t, "job9:" + i, "localhost:8380"))).isZero();
        }
        assertThat(errcode(send(5, t, "job9:5", null))).isZero();
        // a resend of a key inside WeChat's window is answered from the first send: no entry, no count
        assertThat(errcode(send(0, t, "job9:0", "localhost:8380"))).isZero();

        JsonObject page = sb.control.ledgerPage(APP, "job9:", null, null, 10);
        JsonObject byVia = page.getJsonObject("counts").getJsonObject("byVia");
        assertThat(byVia.getInt("127.0.0.1:8380")).isEqualTo(3);
        assertThat(byVia.getInt("localhost:8380")).isEqualTo(2);
        assertThat(byVia).hasSize(2);
        assertThat(page.getJsonObject("counts").getInt("total")).isEqualTo(6);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("via")).isEqualTo("127.0.0.1:8380");
        assertThat(page.getJsonArray("items").getJsonObject(5).containsKey("via")).isFalse();
    }
}
