package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;

import app.fanmail.e2e.FanmailUi.SignIn;
import app.fanmail.testing.TestServer;

/**
 * An operator fills the library of a sandbox account and writes news with it: uploads an image and a voice file (the
 * upload's bar reaches 100 %), sees the image's preview and the voice's player, writes a two-article news draft whose
 * covers come from the library and whose content has an inline image, looks at it in the phone frame, saves it and
 * finds it again after a reload.
 */
class OperatorBuildsMaterialsAndNewsInTheBrowserTest extends BrowserTest {
    private static final LocatorAssertions.IsVisibleOptions PATIENTLY = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    static byte[] png(int w, int h, Color color) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** 2 s of MPEG 1 layer III frames (128 kbit/s, 44.1 kHz). */
    static byte[] mp3() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 77; i++) {
            byte[] frame = new byte[417];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x64;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private Locator card(String name) {
        return page.locator("[data-testid^='material-card-']").filter(new Locator.FilterOptions().setHasText(name));
    }

    @Test
    void uploadImageAndVoiceThenWriteATwoArticleNewsDraft() throws Exception {
        SandboxAccount account = createSandboxAccount("Materials", "PLAIN");
        String accountId = account.id();
        new SignIn(page).open().as("admin", TestServer.adminPassword());

        // an image: the bar fills, the card shows Fanmail's preview of it
        page.navigate("/accounts/" + accountId + "/materials");
        String imageName = "spring-poster-" + hex(4);
        page.getByTestId("material-upload-input").setInputFiles(new FilePayload(imageName + ".png", "image/png", png(640, 360, new Color(7, 193, 96))));
        assertThat(page.getByTestId("material-upload-progress")).hasAttribute("data-percent", "100", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(card(imageName)).isVisible(PATIENTLY);
        Locator preview = card(imageName).locator("img").first();
        assertThat(preview).isVisible();
        page.waitForCondition(() -> (Boolean) preview.evaluate("img => img.complete && img.naturalWidth > 0"));
        assertEquals(360, ((Number) preview.evaluate("img => img.naturalWidth")).intValue(), "the preview is Fanmail's 360 px copy");
        assertThat(page.getByTestId("materials-count-IMAGE")).containsText("1");
        screenshot("materials-image");

        // a voice file: a player on Fanmail's copy
        page.getByTestId("materials-tab-VOICE").click();
        page.waitForURL(Pattern.compile(".*[?&]kind=VOICE.*"));
        assertThat(page.getByTestId("material-upload-hint")).containsText("mp3");
        assertThat(page.getByTestId("material-upload-progress")).isHidden();
        String voiceName = "welcome-" + hex(4);
        page.getByTestId("material-upload-input").setInputFiles(new FilePayload(voiceName + ".mp3", "audio/mpeg", mp3()));
        assertThat(page.getByTestId("material-upload-progress")).hasAttribute("data-percent", "100", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(card(voiceName)).isVisible(PATIENTLY);
        Locator audio = card(voiceName).locator("audio");
        assertThat(audio).hasAttribute("src", Pattern.compile("/api/materials/[0-9a-f-]+/file"));
        assertThat(audio).hasAttribute("controls", "");
        screenshot("materials-voice");

        // a voice file WeChat would refuse is refused before anything is stored
        page.getByTestId("material-upload-input").setInputFiles(new FilePayload("notes.txt", "text/plain", "not audio".getBytes()));
        assertThat(page.getByTestId("material-upload-error")).isVisible();

        // a news draft of two articles, covers from the library, an inline image in the first
        page.navigate("/accounts/" + accountId + "/news");
        page.getByTestId("news-new").click();
        String title = "春季上新 " + hex(4);
        page.getByTestId("article-title-0").fill(title);
        page.getByTestId("article-author-0").fill("市场部");
        pickCover(0, imageName);
        Locator editor = page.getByTestId("article-editor-0");
        editor.click();
        page.keyboard().type("新品本周上架，欢迎到店体验。");
        page.getByTestId("article-image-upload-0").setInputFiles(new FilePayload("inline.png", "image/png", png(300, 200, new Color(250, 81, 81))));
        Locator inline = editor.locator("img");
        assertThat(inline).isVisible(PATIENTLY);
        assertThat(inline).hasAttribute("src", Pattern.compile("/api/materials/article-images/[0-9a-f-]+"));

        page.getByTestId("article-add").click();
        page.getByTestId("article-title-1").fill("会员专享活动");
        pickCover(1, imageName);
        page.getByTestId("article-editor-1").click();
        page.keyboard().type("会员下单立减 20 元。");

        // the phone frame shows the message card with both articles, and the article being edited
        Locator phone = page.getByTestId("phone-preview");
        page.getByTestId("phone-preview-message-view").click();
        assertThat(phone).containsText(title);
        assertThat(phone).containsText("会员专享活动");
        assertThat(phone.locator("[data-testid^='phone-preview-card-']")).hasCount(2);
        screenshot("news-card-preview");
        page.getByTestId("article-item-0").click();
        page.getByTestId("phone-preview-article-view").click();
        assertThat(page.getByTestId("phone-preview-title")).containsText(title);
        assertThat(page.getByTestId("phone-preview-meta")).containsText("市场部");
        assertThat(page.getByTestId("phone-preview-content")).containsText("新品本周上架");
        assertThat(page.getByTestId("phone-preview-content").locator("img")).isVisible();
        screenshot("news-article-preview");

        page.getByTestId("news-save").click();
        page.waitForURL(Pattern.compile(".*/accounts/" + accountId + "/news/[0-9a-f-]{36}$"), new com.microsoft.playwright.Page.WaitForURLOptions().setTimeout(30_000));
        String draftUrl = page.url();

        // found again after a reload: both articles, the cover, the inline image (now Fanmail's copy of WeChat's)
        page.reload();
        assertThat(page.getByTestId("article-title-0")).hasValue(title, new LocatorAssertions.HasValueOptions().setTimeout(30_000));
        assertThat(page.getByTestId("article-cover-image-0")).isVisible();
        assertThat(page.getByTestId("article-editor-0")).containsText("新品本周上架");
        assertThat(page.getByTestId("article-editor-0").locator("img")).hasAttribute("src", Pattern.compile("/api/materials/article-images/[0-9a-f-]+"));
        page.waitForCondition(() -> (Boolean) page.getByTestId("article-editor-0").locator("img").evaluate("img => img.complete && img.naturalWidth > 0"));
        screenshot("news-reloaded");
        page.getByTestId("article-item-1").click();
        assertThat(page.getByTestId("article-title-1")).hasValue("会员专享活动");
        assertThat(page.getByTestId("article-cover-image-1")).isVisible();

        // and in the list of drafts
        page.navigate("/accounts/" + accountId + "/news");
        Locator row = page.getByTestId("drafts-table").locator("tr").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(row).isVisible(PATIENTLY);
        assertTrue(draftUrl.endsWith(row.locator("[data-testid^='draft-open-']").first().getAttribute("data-testid").substring("draft-open-".length())),
                "the list opens the saved draft");
        screenshot("news-list");
    }

    private void pickCover(int article, String imageName) {
        page.getByTestId("article-cover-" + article).click();
        Locator picker = page.getByTestId("material-picker");
        assertThat(picker).isVisible();
        picker.locator("[data-testid^='material-card-']").filter(new Locator.FilterOptions().setHasText(imageName)).first().click();
        page.getByTestId("material-picker-ok").click();
        assertThat(page.getByTestId("article-cover-image-" + article)).isVisible(PATIENTLY);
    }
}
