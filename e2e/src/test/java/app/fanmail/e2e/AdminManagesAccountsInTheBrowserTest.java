package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.fanmail.e2e.FanmailUi.AccountDetail;
import app.fanmail.e2e.FanmailUi.AccountForm;
import app.fanmail.e2e.FanmailUi.AccountsList;
import app.fanmail.e2e.FanmailUi.Shell;
import app.fanmail.e2e.FanmailUi.SignIn;
import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;

/**
 * An admin signs in, adds an official account (fixing the mistakes Fanmail points out), sees it
 * listed with its secrets shown only as "Set", switches the language and signs out.
 */
class AdminManagesAccountsInTheBrowserTest extends BrowserTest {

    @Test
    void adminAddsAnAccountFixingValidationErrorsThenSwitchesLanguageAndSignsOut() {
        String takenAppId = "wx" + hex(16);
        FanmailClient api = FanmailClient.signedInAdmin(baseUrl());
        api.data("mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } } }", Map.of("i", Map.of(
                "name", "Existing " + hex(4), "originalId", "gh_" + hex(12), "appId", takenAppId, "appSecret", hex(32),
                "token", "token" + hex(4), "type", "SERVICE", "verified", true, "encryptionMode", "PLAIN", "apiTarget", "SANDBOX")));

        Shell shell = new SignIn(page).open().as("admin", TestServer.adminPassword());
        AccountsList accounts = shell.accounts();
        AccountForm form = accounts.startNew();
        String name = "E2E 公众号 " + hex(4);
        String appId = "wx" + hex(16);
        String appSecret = hex(32);
        form.fill("Name", name).fill("Original ID", "gh_" + hex(12)).fill("AppID", "wx12345")
                .fill("AppSecret", appSecret).fill("Token", "e2eToken" + hex(4))
                .fill("EncodingAESKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");

        // a malformed AppID is pointed out at the field, nothing is created
        form.submitExpectingErrors();
        assertThat(form.errorOf("The AppID must be wx followed by 16 hexadecimal characters.")).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*/accounts/new$"));

        // the server's own rule (AppID already used) comes back on the same field
        form.fill("AppID", takenAppId).submitExpectingErrors();
        assertThat(form.errorOf("Another account already uses this AppID.")).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*/accounts/new$"));

        AccountDetail detail = form.fill("AppID", appId).create();
        assertThat(detail.secretStatus("appSecret")).hasText("Set");
        assertThat(detail.secretStatus("token")).hasText("Set");
        assertThat(detail.secretStatus("encodingAesKey")).hasText("Set");
        assertThat(detail.callbackUrl()).containsText("/api/wechat/callback/" + appId);
        assertThat(page.locator("body")).not().containsText(appSecret);

        AccountsList list = shell.accounts();
        assertThat(list.row(name)).containsText(appId);

        shell.switchLanguageTo("中文");
        assertThat(shell.navigation()).containsText("公众号");
        page.reload();
        assertThat(shell.navigation()).containsText("公众号");
        shell.switchLanguageTo("English");

        SignIn signIn = shell.signOut();
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
        page.navigate("/accounts");
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
        assertThat(FanmailUi.button(signIn.page(), "Sign in")).isVisible();
    }

    @Test
    void aWrongPasswordIsRefused() {
        SignIn signIn = new SignIn(page).open().attempt("admin", "not-the-password");
        signIn.showsError("Wrong username or password.");
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
        page.navigate("/accounts");
        assertThat(page).hasURL(Pattern.compile(".*/login.*"));
    }
}
