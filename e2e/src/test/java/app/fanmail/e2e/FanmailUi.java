package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Page objects: what a person does in Fanmail's admin UI, in their words. */
final class FanmailUi {
    private FanmailUi() {
    }

    static Locator exactLabel(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    record SignIn(Page page) {
        SignIn open() {
            page.navigate("/login");
            return this;
        }

        SignIn attempt(String username, String password) {
            exactLabel(page, "Username").fill(username);
            exactLabel(page, "Password").fill(password);
            button(page, "Sign in").click();
            return this;
        }

        Shell as(String username, String password) {
            attempt(username, password);
            Shell shell = new Shell(page);
            assertThat(shell.userMenu()).containsText(username);
            return shell;
        }

        void showsError(String text) {
            assertThat(page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText(text))).isVisible();
        }
    }

    record Shell(Page page) {
        Locator userMenu() {
            return page.getByTestId("user-menu");
        }

        Locator navigation() {
            return page.getByRole(AriaRole.NAVIGATION);
        }

        AccountsList accounts() {
            page.navigate("/accounts");
            return new AccountsList(page);
        }

        Shell switchLanguageTo(String label) {
            page.getByTestId("lang-switch").getByText(label, new Locator.GetByTextOptions().setExact(true)).click();
            return this;
        }

        SignIn signOut() {
            userMenu().click();
            page.getByTestId("sign-out").click();
            return new SignIn(page);
        }
    }

    record AccountsList(Page page) {
        Locator table() {
            return page.getByTestId("accounts-table");
        }

        Locator row(String text) {
            return table().getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
        }

        AccountForm startNew() {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New account")).click();
            return new AccountForm(page);
        }
    }

    record AccountForm(Page page) {
        AccountForm fill(String field, String value) {
            exactLabel(page, field).fill(value);
            return this;
        }

        /** The submit button; its accessible name gains "loading" while a save is in flight. */
        Locator submit() {
            return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("Create account")));
        }

        private void clickSubmit() {
            assertThat(submit()).not().hasClass(java.util.regex.Pattern.compile(".*ant-btn-loading.*"));
            submit().click();
        }

        AccountDetail create() {
            clickSubmit();
            return new AccountDetail(page);
        }

        void submitExpectingErrors() {
            clickSubmit();
        }

        Locator errorOf(String text) {
            return page.getByTestId("account-form").getByText(text);
        }
    }

    record AccountDetail(Page page) {
        Locator secretStatus(String field) {
            return page.getByTestId("secret-status-" + field);
        }

        Locator callbackUrl() {
            return page.getByTestId("callback-url");
        }
    }
}
