package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenRulesTest {

    private final Sandbox sb = new Sandbox().serviceAccount();

    private int check(String token) {
        return errcode(sb.post("cgi-bin/tags/get", token, ""));
    }

    private JsonObject stable(boolean force) {
        return sb.post("cgi-bin/stable_token", null, "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP
                + "\",\"secret\":\"" + SECRET + "\",\"force_refresh\":" + force + "}");
    }

    @Test
    void eachTokenCallIssuesANewTokenAndThePreviousOneLivesFiveMoreMinutes() {
        JsonObject first = sb.get("cgi-bin/token", "grant_type", "client_credential", "appid", APP, "secret", SECRET);
        assertThat(first.getInt("expires_in")).isEqualTo(7200);
        String a = first.getString("access_token");
        assertThat(a.length()).isGreaterThan(100);
        sb.advance(Duration.ofMinutes(30));
        String b = sb.token();
        assertThat(b).isNotEqualTo(a);
        assertThat(check(a)).isZero();
        assertThat(check(b)).isZero();
        sb.advance(Duration.ofSeconds(299));
        assertThat(check(a)).isZero();
        sb.advance(Duration.ofSeconds(1));
        assertThat(check(a)).isEqualTo(40001);
        assertThat(check(b)).isZero();
    }

    @Test
    void onlyTheLatestTwoTokensWorkWhenSeveralRefreshersRace() {
        String a = sb.token();
        String b = sb.token();
        String c = sb.token();
        assertThat(check(a)).isEqualTo(40001);
        assertThat(check(b)).isZero();
        assertThat(check(c)).isZero();
    }

    @Test
    void tokensExpireAfter7200SecondsWith42001() {
        String a = sb.token();
        sb.advance(Duration.ofSeconds(7199));
        assertThat(check(a)).isZero();
        sb.advance(Duration.ofSeconds(1));
        assertThat(check(a)).isEqualTo(42001);
    }

    @Test
    void badCredentialsAndBadTokens() {
        assertThat(errcode(sb.get("cgi-bin/token", "grant_type", "client_credential", "appid", APP, "secret", "nope")))
                .isEqualTo(40125);
        assertThat(errcode(sb.get("cgi-bin/token", "grant_type", "client_credential", "appid", "wxunknown000000000",
                "secret", SECRET))).isEqualTo(40013);
        assertThat(errcode(sb.get("cgi-bin/token", "grant_type", "password", "appid", APP, "secret", SECRET)))
                .isEqualTo(40002);
        assertThat(check(null)).isEqualTo(41001);
        assertThat(check("not a token!")).isEqualTo(40014);
        assertThat(check("80_" + "A".repeat(150))).isEqualTo(40001);
        JsonObject err = sb.post("cgi-bin/tags/get", "80_" + "A".repeat(150), "");
        assertThat(err.getString("errmsg")).startsWith("invalid credential").containsPattern(" rid: [0-9a-f]{8}-");
    }

    @Test
    void tokenEndpointHasADailyQuotaResetAtChinaMidnight() {
        Sandbox s = new Sandbox(Instant.parse("2026-03-10T15:00:00Z"), null); // 23:00 in Shanghai
        s.account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"limits\":{\"tokenDailyQuota\":3}}");
        for (int i = 0; i < 3; i++) {
            s.token();
        }
        assertThat(errcode(s.get("cgi-bin/token", "grant_type", "client_credential", "appid", APP, "secret", SECRET)))
                .isEqualTo(45009);
        s.advance(Duration.ofMinutes(61)); // 00:01 next day in Shanghai, still 10 March in UTC
        assertThat(s.token()).isNotBlank();
    }

    @Test
    void stableTokenReturnsTheSameTokenWithTheRemainingLifetime() {
        JsonObject t1 = stable(false);
        assertThat(t1.getInt("expires_in")).isEqualTo(7200);
        sb.advance(Duration.ofSeconds(6000));
        JsonObject t2 = stable(false);
        assertThat(t2.getString("access_token")).isEqualTo(t1.getString("access_token"));
        assertThat(t2.getInt("expires_in")).isEqualTo(1200);
    }

    @Test
    void stableTokenRotatesInItsLastFiveMinutesAndTheOldOneLivesToItsExpiry() {
        String old = stable(false).getString("access_token");
        sb.advance(Duration.ofSeconds(7200 - 300));
        JsonObject fresh = stable(false);
        assertThat(fresh.getString("access_token")).isNotEqualTo(old);
        assertThat(fresh.getInt("expires_in")).isEqualTo(7200);
        assertThat(check(old)).isZero();
        sb.advance(Duration.ofSeconds(300));
        assertThat(check(old)).isEqualTo(42001);
        assertThat(check(fresh.getString("access_token"))).isZero();
    }

    @Test
    void stableTokensAreIsolatedFromCgiBinTokens() {
        String stableToken = stable(false).getString("access_token");
        sb.token();
        sb.token();
        sb.token();
        assertThat(check(stableToken)).isZero();
        assertThat(stable(false).getString("access_token")).isEqualTo(stableToken);
    }

    @Test
    void forceRefreshInvalidatesThePreviousTokenAndIsLimited() {
        String first = stable(false).getString("access_token");
        String forced = stable(true).getString("access_token");
        assertThat(forced).isNotEqualTo(first);
        assertThat(check(first)).isEqualTo(40001);
        assertThat(check(forced)).isZero();
        // at least 30 s apart
        sb.advance(Duration.ofSeconds(29));
        assertThat(errcode(stable(true))).isEqualTo(45011);
        sb.advance(Duration.ofSeconds(1));
        assertThat(errcode(stable(true))).isZero();
        // 20 a day in all (2 used so far)
        for (int i = 0; i < 18; i++) {
            sb.advance(Duration.ofSeconds(30));
            assertThat(errcode(stable(true))).as("force refresh #" + (i + 3)).isZero();
        }
        sb.advance(Duration.ofSeconds(30));
        assertThat(errcode(stable(true))).isEqualTo(45009);
        assertThat(errcode(stable(false))).isZero();
    }
}
