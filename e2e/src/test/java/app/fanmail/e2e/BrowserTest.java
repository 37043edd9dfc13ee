package app.fanmail.e2e;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Tracing;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;

/**
 * Base of the end-to-end tests: the built WAR deployed to the provisioned WildFly (Arquillian),
 * one Chromium per test class, a fresh browser context per test. Traces and screenshots are kept
 * only for failed tests, in {@code e2e/target/e2e-artifacts}.
 */
@ExtendWith(ArquillianExtension.class)
@ExtendWith(BrowserTest.KeepEvidenceOfFailures.class)
@RunAsClient
abstract class BrowserTest {
    private static Playwright playwright;
    private static Browser browser;

    @ArquillianResource
    @OperateOnDeployment("fanmail")
    URL base;

    protected BrowserContext context;
    protected Page page;
    private String testName;

    /** The WeChat sandbox, next to Fanmail, so accounts with the SANDBOX target work as in the local run. */
    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2, testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @BeforeAll
    static void launchBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(List.of(
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"));
        chromiumPath().ifPresent(p -> options.setExecutablePath(Path.of(p)));
        browser = playwright.chromium().launch(options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage(TestInfo info) {
        testName = getClass().getSimpleName() + "-" + info.getTestMethod().map(m -> m.getName()).orElse("test");
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl()).setLocale("en-US")
                .setViewportSize(1400, 900));
        context.setDefaultTimeout(15_000);
        context.tracing().start(new Tracing.StartOptions().setScreenshots(true).setSnapshots(true));
        page = context.newPage();
        KeepEvidenceOfFailures.current.set(this);
    }

    @AfterEach
    void closePage() {
        // KeepEvidenceOfFailures has already saved a trace if the test failed
        if (context != null) {
            try {
                context.tracing().stop();
            } catch (RuntimeException alreadyStopped) {
                // stopped by the watcher
            }
            context.close();
        }
    }

    /** Saves a full-page screenshot as target/screenshots/&lt;test&gt;-&lt;name&gt;.png, for looking at the pages a run went through. */
    protected void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", testName + "-" + name + ".png")));
    }

    /** A verified service account of Fanmail's that talks to the sandbox. */
    protected record SandboxAccount(String id, String appId) {
    }

    /** Creates a verified service account on the sandbox through the API and waits until the sandbox knows it. */
    protected SandboxAccount createSandboxAccount(String name, String encryptionMode) throws Exception {
        String appId = "wx" + hex(16);
        Map<String, Object> input = new HashMap<>(Map.of("name", name + " " + hex(4), "originalId", "gh_" + hex(12),
                "appId", appId, "appSecret", hex(32), "token", "tok" + hex(6), "type", "SERVICE", "verified", true,
                "encryptionMode", encryptionMode, "apiTarget", "SANDBOX"));
        if (!"PLAIN".equals(encryptionMode)) {
            input.put("encodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        }
        String id = FanmailClient.signedInAdmin(baseUrl())
                .data("mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } } }", Map.of("i", input))
                .getJsonObject("accountCreate").getJsonObject("account").getString("id");
        awaitInSandbox(appId);
        return new SandboxAccount(id, appId);
    }

    /**
     * Lets the sandbox account change its service categories through the API. Official accounts cannot (WeChat answers
     * 48001, the sandbox's default); tests of Fanmail's category-change flow use an account that can.
     */
    protected void allowCategoryWrites(String appId) throws Exception {
        var res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/wechat-sandbox/_sandbox/accounts/" + appId + "/config"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"limits\":{\"categoryWrites\":true}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError("could not allow category writes: " + res.statusCode() + " " + res.body());
        }
    }

    /** Waits until Fanmail has mirrored a new SANDBOX account into the sandbox. */
    protected void awaitInSandbox(String appId) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            var res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/wechat-sandbox/_sandbox/accounts/" + appId))
                    .timeout(java.time.Duration.ofSeconds(5)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the account was not mirrored into the sandbox");
    }

    /** n random lowercase hex digits, for unique names and ids. */
    protected static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(java.util.concurrent.ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }

    protected String baseUrl() {
        return base.toString().replaceAll("/$", "");
    }

    static Optional<String> chromiumPath() {
        String fromEnv = System.getenv("FANMAIL_CHROMIUM");
        String path = fromEnv != null ? fromEnv : System.getProperty("fanmail.e2e.chromium", "/usr/bin/chromium");
        return path.isBlank() ? Optional.empty() : Optional.of(path);
    }

    void saveEvidence() {
        try {
            Path dir = Path.of(System.getProperty("fanmail.e2e.artifacts", "target/e2e-artifacts"));
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(testName + ".png")).setFullPage(true));
            context.tracing().stop(new Tracing.StopOptions().setPath(dir.resolve(testName + "-trace.zip")));
        } catch (Exception e) {
            System.err.println("Could not save evidence of " + testName + ": " + e);
        }
    }

    /** Saves a screenshot and a Playwright trace of a failed test. */
    static final class KeepEvidenceOfFailures implements AfterTestExecutionCallback {
        static final ThreadLocal<BrowserTest> current = new ThreadLocal<>();

        /** Runs after the test method and before @AfterEach closes the page. */
        @Override
        public void afterTestExecution(ExtensionContext context) {
            BrowserTest test = current.get();
            if (context.getExecutionException().isPresent() && test != null && test.page != null) {
                test.saveEvidence();
            }
        }
    }
}
