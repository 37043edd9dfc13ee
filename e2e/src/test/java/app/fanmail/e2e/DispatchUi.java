package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Page objects of template sending and the sent history, in an operator's words. */
final class DispatchUi {
    private DispatchUi() {
    }

    /** How long a send of a few dozen fans (and their delivery reports) may take against the sandbox. */
    static final double SEND_MS = 60_000;

    /** The template send wizard of an account. */
    record TemplateSend(Page page, String accountId) {
        TemplateSend open() {
            page.navigate("/accounts/" + accountId + "/dispatch/new");
            assertThat(page.getByTestId("send-step-content")).isVisible();
            return this;
        }

        TemplateSend template(String title) {
            page.getByTestId("send-template-select").locator(".ant-select-selector").click();
            page.locator(".ant-select-dropdown .ant-select-item-option[title^='" + title + "']").click();
            assertThat(page.locator("[data-testid^='send-field-']").first()).isVisible();
            return this;
        }

        /** Types a fixed text into every field that takes one (the template has no preset). */
        TemplateSend typeEveryValue(String prefix) {
            Locator inputs = page.locator("input[data-testid^='send-text-']");
            List<?> ids = (List<?>) inputs.evaluateAll("els => els.map(e => e.getAttribute('data-testid'))");
            for (Object id : ids) {
                page.getByTestId((String) id).fill(prefix + " " + ((String) id).substring("send-text-".length()));
            }
            return this;
        }

        TemplateSend next() {
            page.getByTestId("send-next-audience").click();
            assertThat(page.getByTestId("send-step-audience")).isVisible();
            return this;
        }

        TemplateSend allFollowers() {
            AudiencesUi.chooseRadio(page, "send-audience-kind", "All followers");
            return this;
        }

        TemplateSend plan() {
            page.getByTestId("send-review").click();
            assertThat(page.getByTestId("dispatch-plan")).isVisible();
            return this;
        }

        Locator reachable() {
            return page.getByTestId("plan-reachable");
        }

        Locator sendToday() {
            return page.getByTestId("plan-send-today");
        }

        Locator split() {
            return page.getByTestId("plan-split");
        }

        Locator preview() {
            return page.getByTestId("send-preview-0");
        }

        Job confirm() {
            page.getByTestId("send-confirm").click();
            Job job = new Job(page);
            assertThat(job.progress()).isVisible();
            return job;
        }
    }

    /** A job's page. */
    record Job(Page page) {
        Locator progress() {
            return page.getByTestId("job-progress");
        }

        Locator state() {
            return page.getByTestId("job-state");
        }

        Locator count(String state) {
            return page.getByTestId("job-count-" + state);
        }

        Locator recipients() {
            return page.getByTestId("recipients-table");
        }

        Locator recipientRow(String openid) {
            return recipients().getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(openid));
        }

        Job onlyState(String label) {
            page.getByTestId("recipients-filter-state").locator(".ant-select-selector").click();
            page.locator(".ant-select-dropdown .ant-select-item-option[title='" + label + "']").click();
            page.keyboard().press("Escape");
            return this;
        }

        Job expand(String openid) {
            recipientRow(openid).first().locator(".ant-table-row-expand-icon").click();
            return this;
        }

        /** Downloads the recipients' CSV export (with the list's state filter) and returns its lines. */
        List<String> exportCsv() throws Exception {
            Download download = page.waitForDownload(() -> page.getByTestId("recipients-csv").click());
            return Files.readAllLines(download.path(), StandardCharsets.UTF_8);
        }
    }

    /** The sent history of an account. */
    record History(Page page, String accountId) {
        History open() {
            page.navigate("/accounts/" + accountId + "/history");
            assertThat(page.getByTestId("history-jobs")).isVisible();
            return this;
        }

        Locator row(String title) {
            return page.getByTestId("history-jobs").getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(title));
        }
    }
}
