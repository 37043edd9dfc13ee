package app.fanmail.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FanSeedingTest {

    @Test
    void aMillionFansSeedInWellUnderTenSeconds() {
        Sandbox sb = new Sandbox().serviceAccount();
        long t0 = System.nanoTime();
        JsonObject r = sb.control.seedFans(Sandbox.APP, Sandbox.json("{\"count\":1000000,\"seed\":42,\"tags\":["
                + "{\"name\":\"广东\",\"share\":0.3},{\"name\":\"VIP\",\"share\":0.05},{\"name\":\"新用户\",\"share\":0.2}]}"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[sandbox] seeded 1,000,000 fans with 3 tags in " + ms + " ms (reported "
                + r.getJsonObject("timings").getInt("seedMillis") + " ms)");
        assertThat(ms).isLessThan(10_000);
        assertThat(r.getInt("count")).isEqualTo(1_000_000);
        FanStore fans = sb.acc().fans;
        assertThat(fans.subscribedCount()).isEqualTo(1_000_000);
        int gd = fans.tagCount(fans.tagByName("广东"));
        assertThat(gd).isBetween(295_000, 305_000);
        assertThat(fans.tagCount(fans.tagByName("VIP"))).isBetween(48_000, 52_000);

        // openids are unique, WeChat-shaped and map back to their index
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000_000; i += 7) {
            String openid = fans.openid(i);
            assertThat(seen.add(openid)).isTrue();
            assertThat(fans.find(openid)).isEqualTo(i);
        }
        assertThat(fans.openid(999_999)).hasSize(28).startsWith(fans.openid(0).substring(0, 6));

        // paging through all of them with user/get takes 100 pages
        String token = sb.token();
        String next = "";
        int pages = 0;
        int total = 0;
        long p0 = System.nanoTime();
        while (true) {
            JsonObject page = next.isEmpty() ? sb.get("cgi-bin/user/get", "access_token", token)
                    : sb.get("cgi-bin/user/get", "access_token", token, "next_openid", next);
            if (page.getInt("count") == 0) {
                break;
            }
            pages++;
            total += page.getInt("count");
            next = page.getString("next_openid");
        }
        System.out.println("[sandbox] paged 1,000,000 openids in " + pages + " pages in "
                + (System.nanoTime() - p0) / 1_000_000 + " ms");
        assertThat(pages).isEqualTo(100);
        assertThat(total).isEqualTo(1_000_000);
    }

    @Test
    void seedingIsDeterministicPerSeed() {
        Sandbox a = new Sandbox().serviceAccount().fans(1000, "[{\"name\":\"x\",\"share\":0.5}]");
        Sandbox b = new Sandbox().serviceAccount().fans(1000, "[{\"name\":\"x\",\"share\":0.5}]");
        assertThat(a.openid(123)).isEqualTo(b.openid(123));
        assertThat(a.acc().fans.tagsOf(123)).isEqualTo(b.acc().fans.tagsOf(123));
        a.control.seedFans(Sandbox.APP, Sandbox.json("{\"count\":1000,\"seed\":8}"));
        assertThat(a.openid(123)).isNotEqualTo(b.openid(123));
        assertThat(a.acc().fans.find(b.openid(123))).isEqualTo(-1);
    }

    @Test
    void openidsOfAnotherAccountAreNotFound() {
        OpenIdCodec one = new OpenIdCodec("wxaaaaaaaaaaaaaaaa", 1);
        OpenIdCodec two = new OpenIdCodec("wxbbbbbbbbbbbbbbbb", 1);
        String openid = one.encode(5);
        assertThat(one.decode(openid)).isEqualTo(5);
        assertThat(two.decode(openid)).isEqualTo(-1);
        char[] tampered = openid.toCharArray();
        tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
        assertThat(one.decode(new String(tampered))).isEqualTo(-1);
        assertThat(one.decode(one.encode(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
    }
}
