package app.fanmail.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The servlet reads only the query string (never a form body) and decodes it as JAX-RS's query parameters did. */
class WeChatApiServletTest {

    @Test
    void decodesTheQueryStringKeepingTheFirstValueOfEachName() {
        Map<String, String> q = WeChatApiServlet.query(
                "access_token=AbC_12-x&grant_type=client_credential&appid=wx1&appid=wx2&name=a%20b+c&flag&empty=&&bad=%zz&%E4%B8%AD=%E6%96%87");
        assertThat(q).containsEntry("access_token", "AbC_12-x")
                .containsEntry("grant_type", "client_credential")
                .containsEntry("appid", "wx1")
                .containsEntry("name", "a b c")
                .containsEntry("flag", "")
                .containsEntry("empty", "")
                .containsEntry("bad", "%zz")
                .containsEntry("中", "文")
                .hasSize(8);
        assertThat(WeChatApiServlet.query(null)).isEmpty();
        assertThat(WeChatApiServlet.query("")).isEmpty();
        assertThat(WeChatApiServlet.query("a=1=2")).containsExactly(Map.entry("a", "1=2"));
    }
}
