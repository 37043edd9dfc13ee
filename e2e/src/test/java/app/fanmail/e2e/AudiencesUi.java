package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/** Page objects of an account's audiences pages (fans, fan, tags, segments), in an operator's words. */
final class AudiencesUi {
    private AudiencesUi() {
    }

    /** How long a sync or a bulk tagging job of a few dozen fans may take against the sandbox. */
    static final double LONG_WORK_MS = 60_000;

    static LocatorAssertions.HasAttributeOptions patiently() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(LONG_WORK_MS);
    }

    /** Clicks the option with this label of a radio group found by its test id. */
    static void chooseRadio(Page page, String groupTestId, String label) {
        page.getByTestId(groupTestId).getByText(label, new Locator.GetByTextOptions().setExact(true)).click();
    }

    record Fans(Page page, String accountId) {
        Fans open() {
            page.navigate("/accounts/" + accountId + "/fans");
            assertThat(page.getByTestId("fan-sync-panel")).isVisible();
            return this;
        }

        Fans startSync(String kind) {
            page.getByTestId("fan-sync-start-" + kind).click();
            return this;
        }

        Locator syncProgress(String kind) {
            return page.getByTestId("fan-sync-progress-" + kind);
        }

        Locator syncStatus(String kind) {
            return page.getByTestId("fan-sync-status-" + kind);
        }

        Locator count() {
            return page.getByTestId("fan-count");
        }

        Locator table() {
            return page.getByTestId("fans-table");
        }

        Fans search(String text) {
            Locator search = page.getByTestId("fan-filter-search");
            search.fill(text);
            search.press("Enter");
            return this;
        }

        Fans onlyWindow(String label) {
            chooseRadio(page, "fan-filter-window", label);
            return this;
        }
    }

    record Fan(Page page, String accountId, String openid) {
        Fan open() {
            page.navigate("/accounts/" + accountId + "/fans/" + openid);
            assertThat(page.getByTestId("fan-openid")).containsText(openid);
            return this;
        }

        Locator window() {
            return page.getByTestId("fan-window");
        }

        Locator remaining() {
            return page.getByTestId("fan-window-remaining");
        }

        Locator timeline() {
            return page.getByTestId("fan-timeline");
        }

        /**
         * Opens the fan page again until its window is open: the window is recorded when Fanmail has received the
         * sandbox's push, which happens after the simulation call returned.
         */
        Fan untilWindowOpen(double timeoutMs) {
            long deadline = System.currentTimeMillis() + (long) timeoutMs;
            while (true) {
                open();
                assertThat(window()).isVisible();
                if ("true".equals(window().getAttribute("data-open")) || System.currentTimeMillis() > deadline) {
                    return this;
                }
                // the next page load waits for the server, which is the pace of this loop
            }
        }
    }

    record Tags(Page page, String accountId) {
        Tags open() {
            page.navigate("/accounts/" + accountId + "/tags");
            assertThat(page.getByTestId("tags-table")).isVisible();
            return this;
        }

        Tags create(String name) {
            page.getByTestId("tag-create").click();
            page.getByTestId("tag-name-input").fill(name);
            page.getByTestId("tag-form-submit").click();
            assertThat(row(name)).isVisible();
            return this;
        }

        Locator row(String name) {
            return page.getByTestId("tags-table").getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
        }

        Locator fanCount(String name) {
            return row(name).locator("[data-testid^='tag-fan-count-']");
        }

        /** Opens "Tag fans" of the tag, uploads the CSV (watching its upload bar reach 100 %) and starts the job. */
        Tags tagFansFromCsv(String name, String fileName, String csv) {
            row(name).locator("[data-testid^='tag-fans-']").click();
            page.locator(".ant-modal input[type=file]").setInputFiles(
                    new FilePayload(fileName, "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
            assertThat(page.getByTestId("upload-progress")).hasAttribute("data-percent", "100");
            page.getByTestId("tag-job-submit").click();
            return this;
        }

        Locator job(String tagName) {
            return page.getByTestId("tag-jobs").getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(tagName)).first();
        }

        Locator jobProgress(String tagName) {
            return job(tagName).locator("[data-testid^='tag-job-progress-']");
        }
    }

    record Segments(Page page, String accountId) {
        Segments open() {
            page.navigate("/accounts/" + accountId + "/segments");
            assertThat(page.getByTestId("segments-list")).isVisible();
            return this;
        }

        Segments name(String name) {
            page.getByTestId("segment-name").fill(name);
            return this;
        }

        Segments onlyFollowers() {
            chooseRadio(page, "fan-filter-subscribed", "Following");
            return this;
        }

        Segments save() {
            page.getByTestId("segment-save").click();
            return this;
        }

        Segments purpose(String label) {
            page.getByTestId("segment-audience").getByText(label, new Locator.GetByTextOptions().setExact(true)).click();
            return this;
        }

        Locator matching() {
            return page.getByTestId("segment-fan-count");
        }

        Locator total() {
            return page.getByTestId("audience-total");
        }

        Locator reachable() {
            return page.getByTestId("audience-reachable");
        }

        Locator excluded(String reason) {
            return page.getByTestId("audience-row-" + reason);
        }
    }
}
