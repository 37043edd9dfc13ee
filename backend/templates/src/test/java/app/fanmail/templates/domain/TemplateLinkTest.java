package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.fanmail.kernel.graphql.UserError;

class TemplateLinkTest {
    private static final String APP_ID = "wx0123456789abcdef";

    @Test
    void noLinkIsValidAndOpensNothing() {
        TemplateLink link = TemplateLink.of(null, "  ", "");
        assertThat(link).isEqualTo(TemplateLink.none());
        assertThat(link.problems()).isEmpty();
        assertThat(link.opens()).isEqualTo(LinkTarget.NONE);
        assertThat(link.fallbackUrl()).isEmpty();
    }

    @Test
    void urlOnlyOpensTheUrl() {
        TemplateLink link = TemplateLink.ofUrl(" https://example.com/order?id=1#/detail ");
        assertThat(link.url()).isEqualTo("https://example.com/order?id=1#/detail");
        assertThat(link.problems()).isEmpty();
        assertThat(link.opens()).isEqualTo(LinkTarget.URL);
        assertThat(link.fallbackUrl()).isEmpty();
    }

    @Test
    void whenBothAreGivenTheMiniProgramWinsAndTheUrlIsTheFallback() {
        TemplateLink link = TemplateLink.of("https://example.com/h5", APP_ID, "pages/order/detail?id=1");
        assertThat(link.problems()).isEmpty();
        assertThat(link.opens()).isEqualTo(LinkTarget.MINI_PROGRAM);
        assertThat(link.fallbackUrl()).contains("https://example.com/h5");
    }

    @Test
    void miniProgramOnly() {
        TemplateLink link = TemplateLink.ofMiniProgram(APP_ID, "index");
        assertThat(link.problems()).isEmpty();
        assertThat(link.opens()).isEqualTo(LinkTarget.MINI_PROGRAM);
        assertThat(link.fallbackUrl()).isEmpty();
        assertThat(link.hasUrl()).isFalse();
        assertThat(link.hasMiniProgram()).isTrue();
    }

    @Test
    void appIdIsTrimmedAndLowercased() {
        TemplateLink link = TemplateLink.ofMiniProgram(" WX0123456789ABCDEF ", " pages/index ");
        assertThat(link.miniProgramAppId()).isEqualTo(APP_ID);
        assertThat(link.miniProgramPagePath()).isEqualTo("pages/index");
        assertThat(link.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "https://example.com", "HTTPS://EXAMPLE.COM/A", "https://127.0.0.1:8443/x",
            "https://example.com/路径?q=中文", "http://xn--fsqu00a.xn--fiqs8s/"})
    void acceptsHttpUrls(String url) {
        assertThat(TemplateLink.ofUrl(url).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/file", "javascript:alert(1)", "weixin://dl/business", "example.com/order",
            "/relative/path", "https://", "https:///path", "http://exa mple.com", "https://user:pw@example.com/",
            "mailto:a@example.com", "https://例子.中国/"})
    void refusesOtherUrls(String url) {
        assertThat(TemplateLink.ofUrl(url).problems()).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("URL_INVALID", "url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wx0123456789abcde", "wx0123456789abcdef0", "wy0123456789abcdef", "wx0123456789abcdeg", "gh_0123456789ab"})
    void appIdIsWxAnd16Hex(String appId) {
        assertThat(TemplateLink.ofMiniProgram(appId, "index").problems()).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("MINIPROGRAM_APPID_INVALID", "miniProgram.appId"));
    }

    @Test
    void anAppIdNeedsAPagePath() {
        assertThat(TemplateLink.of("https://example.com", APP_ID, "  ").problems()).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("MINIPROGRAM_PAGEPATH_REQUIRED", "miniProgram.pagePath"));
    }

    @Test
    void aPagePathNeedsAnAppId() {
        TemplateLink link = TemplateLink.of("https://example.com", null, "pages/index");
        assertThat(link.problems()).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("MINIPROGRAM_APPID_REQUIRED", "miniProgram.appId"));
        assertThat(link.opens()).isEqualTo(LinkTarget.URL);
    }

    @Test
    void pagePathHasNoSpaces() {
        assertThat(TemplateLink.ofMiniProgram(APP_ID, "pages/index?a=1 2").problems()).extracting(UserError::code)
                .containsExactly("MINIPROGRAM_PAGEPATH_INVALID");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(TemplateLink.of("ftp://x", "wx123", null).problems()).extracting(UserError::code)
                .containsExactly("URL_INVALID", "MINIPROGRAM_APPID_INVALID", "MINIPROGRAM_PAGEPATH_REQUIRED");
    }
}
