package app.fanmail.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpaFallbackFilterTest {
    private static final String HTML = "text/html,application/xhtml+xml";

    @Test
    void browserNavigationToUiRoutesGetsTheApp() {
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/accounts", HTML)).isTrue();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/accounts/6f1c/edit", HTML)).isTrue();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/login", HTML)).isTrue();
    }

    @Test
    void apisFilesAndNonNavigationRequestsAreLeftAlone() {
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/api/session", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/graphql", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/graphiql/", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/assets/index-abc.js", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/favicon.svg", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("POST", "/accounts", HTML)).isFalse();
        assertThat(SpaFallbackFilter.isUiRoute("GET", "/accounts", "application/json")).isFalse();
    }
}
