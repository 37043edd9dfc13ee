package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import app.fanmail.e2e.FanmailUi.SignIn;
import app.fanmail.testing.TestServer;

/**
 * An admin sets up template messages for a verified service account against the sandbox: picks the
 * two industries, adds a template from WeChat's library, types preview values and sees the one
 * WeChat will cut, saves a preset that is still there after a reload, then deletes the template.
 */
class OperatorSetsUpTemplatesInTheBrowserTest extends BrowserTest {

    @Test
    void industriesLibraryPreviewPresetAndDelete() throws Exception {
        String accountId = createSandboxAccount("Templates", "PLAIN").id();

        new SignIn(page).open().as("admin", TestServer.adminPassword());
        page.navigate("/accounts/" + accountId + "/templates");

        // industries: pick both from WeChat's list, then the next change is a month away
        choose("industry-primary-select", "Internet & E-commerce", "IT & Technology / Internet & E-commerce");
        choose("industry-secondary-select", "IT Software", "IT & Technology / IT Software & Services");
        page.getByTestId("industries-submit").click();
        assertThat(page.getByTestId("industry-primary")).hasText("IT & Technology / Internet & E-commerce");
        assertThat(page.getByTestId("industry-secondary")).hasText("IT & Technology / IT Software & Services");
        assertThat(page.getByTestId("industry-next-change")).isVisible();

        // add a template picked from the (sandbox's) library by its title
        page.getByTestId("templates-add").click();
        page.getByTestId("template-library-select").locator(".ant-select-selector").click();
        page.keyboard().type("订单支付成功");
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("template-short-id")).hasValue("TM00015");
        assertThat(page.getByTestId("template-library-fields")).containsText("keyword1");
        page.getByTestId("template-add-submit").click();
        Locator table = page.getByTestId("templates-table");
        Locator row = table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("订单支付成功"));
        assertThat(row).isVisible();
        assertThat(page.getByTestId("templates-count")).hasText("1 / 25");
        screenshot("library");

        // the preview cuts a value longer than 20 characters and says so on that field
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("订单支付成功")).click();
        page.getByTestId("preview-input-keyword1").fill("2024061812345678-0001-ABCDEFGH");
        assertThat(page.getByTestId("preview-warning-keyword1")).containsText("cut");
        assertThat(page.getByTestId("preview-line-keyword1")).containsText("2024061812345678-000");
        assertThat(page.getByTestId("preview-line-keyword1")).not().containsText("ABCDEFGH");
        screenshot("preview");

        // a preset: a fixed text for one field, saved, and still there after a reload
        page.getByTestId("preset-row-keyword2").locator(".ant-select-selector").click();
        page.locator(".ant-select-item-option[title='Fixed text']").click();
        FanmailUi.exactLabel(page, "Value for keyword2").fill("128.00元");
        FanmailUi.button(page, "Save preset").click();
        assertThat(page.getByText("Preset saved (version 1).")).isVisible();
        page.reload();
        assertThat(FanmailUi.exactLabel(page, "Value for keyword2")).hasValue("128.00元");

        // delete it, confirming; it is gone from the library (and from WeChat: a sync finds nothing)
        page.navigate("/accounts/" + accountId + "/templates");
        row = page.getByTestId("templates-table").getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("订单支付成功"));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        page.locator(".ant-popconfirm").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
        assertThat(row).hasCount(0);
        assertThat(page.getByTestId("templates-count")).hasText("0 / 25");
        page.getByTestId("templates-sync").click();
        assertThat(page.getByTestId("templates-count")).hasText("0 / 25");
        assertThat(page.getByTestId("templates-table")).not().containsText("订单支付成功");
    }

    @Test
    void aCategoryChangeListsTheTemplatesWeChatWillDeleteAndWaitsForConsent() throws Exception {
        SandboxAccount account = createSandboxAccount("Categories", "PLAIN");
        allowCategoryWrites(account.appId());
        String accountId = account.id();
        new SignIn(page).open().as("admin", TestServer.adminPassword());
        page.navigate("/accounts/" + accountId + "/templates");

        // the account moves to the category model, chooses 电商平台 and adds one of its templates
        page.getByTestId("setup-model-switch").getByText("Service categories", new Locator.GetByTextOptions().setExact(true)).click();
        page.getByTestId("setup-model-confirm").click();
        Locator card = page.getByTestId("categories-card");
        assertThat(card).isVisible();
        card.locator(".ant-select-selector").click();
        page.keyboard().type("电商平台");
        page.keyboard().press("Enter");
        page.keyboard().press("Escape");
        page.getByTestId("categories-review").click();
        page.getByTestId("categories-apply").click();
        assertThat(page.getByTestId("categories-current")).containsText("电商平台");
        page.getByTestId("templates-add").click();
        page.getByTestId("template-short-id").fill("43216");
        // a category template needs its keywords, in order (WeChat answers 40246 without them)
        page.getByTestId("template-add-submit").click();
        assertThat(page.getByText("Choose the keywords to use, in order")).isVisible();
        page.getByTestId("template-keywords").locator(".ant-select-selector").click();
        page.keyboard().type("商品名称");
        page.keyboard().press("Enter");
        page.keyboard().type("快递公司");
        page.keyboard().press("Enter");
        page.keyboard().press("Escape");
        page.getByTestId("template-add-submit").click();
        assertThat(page.getByTestId("templates-table")).containsText("订单发货通知");

        // replacing it by 快递服务: the review names the template that goes and waits for consent
        card.locator(".ant-select-selection-item-remove").first().click();
        card.locator(".ant-select-selector").click();
        page.keyboard().type("快递服务");
        page.keyboard().press("Enter");
        page.keyboard().press("Escape");
        page.getByTestId("categories-review").click();
        assertThat(page.getByTestId("categories-deleted-templates")).containsText("订单发货通知");
        assertThat(page.getByTestId("categories-plan-changes")).containsText("2");
        assertThat(page.getByTestId("categories-apply")).isDisabled();
        screenshot("category-review");
        page.getByTestId("categories-acknowledge").click();
        page.getByTestId("categories-apply").click();
        // the first change's message may still be showing: the newest is the last
        assertThat(page.getByText("The service categories were changed.").last()).isVisible();
        assertThat(page.getByTestId("categories-current")).containsText("快递服务");
        assertThat(page.getByTestId("categories-current")).not().containsText("电商平台");
        assertThat(page.getByTestId("templates-table")).not().containsText("订单发货通知");
        assertThat(page.getByTestId("templates-count")).hasText("0 / 25");
        // the history says who used the month's changes
        Locator history = page.getByTestId("setup-history");
        assertThat(history).containsText("Removed 商业服务 / 电商平台");
        assertThat(history).containsText("Added 商业服务 / 快递服务");
        assertThat(history).containsText("by admin");

        new FanmailUi.Shell(page).switchLanguageTo("中文");
        assertThat(card).containsText("服务类目");
        screenshot("zh-CN");
    }

    /** Opens an Ant Design select by its test id, types to filter, and picks the option. */
    private void choose(String testId, String search, String option) {
        page.getByTestId(testId).click();
        page.keyboard().type(search);
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(option).setExact(true)).click();
    }
}
