package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations console in a real browser (Debian's headless Chromium driven by Selenium through its chromedriver,
 * never a downloaded one): a wrong key is refused, the admin key signs in with the keyboard, an agency installed
 * through the simulator's consent page shows its minted locations in the list, the list is filtered and a detail
 * opened, a dead letter is replayed and the operator signs out. Screenshots land in
 * {@code target/console-screenshots/}. Without Chromium the test is skipped, unless
 * {@code ACCESSHUB_REQUIRE_BROWSER_TESTS=true} (CI), where it fails.
 */
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ACCESSHUB_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("ACCESSHUB_CHROMEDRIVER",
        "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private HubHarness harness;
    private HubHarness.Hub hub;
    private WebDriver browser;
    private String base;

    @BeforeEach
    void start() throws IOException {
        requireBrowser();
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        hub = harness.startHub();
        // the host of the registered redirect URI, so the install cookie set by the install link comes back
        base = "http://localhost:" + hub.server().getPort();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("failure.png"));
        Files.deleteIfExists(SCREENSHOTS.resolve("failure.html"));
    }

    /** Skips (or, with ACCESSHUB_REQUIRE_BROWSER_TESTS=true, fails) when Chromium or its driver is missing. */
    static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "the console's browser test needs Chromium and chromedriver at " + CHROMIUM + " and "
            + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver";
        if (!present && "true".equalsIgnoreCase(System.getenv("ACCESSHUB_REQUIRE_BROWSER_TESTS"))) {
            Assertions.fail(message + " (ACCESSHUB_REQUIRE_BROWSER_TESTS=true)");
        }
        Assumptions.assumeTrue(present, message);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (harness != null) {
            harness.close();
        }
    }

    private void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    private WebElement heading() {
        return await(d -> d.findElement(By.tagName("h1")));
    }

    private void signIn(String key) {
        WebElement field = browser.findElement(By.id("apiKey"));
        assertThat(browser.findElement(By.cssSelector("label[for=apiKey]")).getText()).isEqualTo("Admin API key");
        field.clear();
        field.sendKeys(key, Keys.ENTER); // the keyboard is enough
    }

    @Test
    void anOperatorSignsInSeesAnAgencyInstallFiltersReplaysADeadLetterAndSignsOut() throws Exception {
        try {
            walkThrough();
        } catch (Exception | AssertionError failed) {
            screenshot("failure");
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getCurrentUrl() + "\n"
                + browser.getPageSource());
            throw failed;
        }
    }

    private void walkThrough() throws Exception {
        browser.get(base + "/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        assertThat(heading().getText()).isEqualTo("Sign in to the console");

        signIn("ahk_not-a-key-at-all-not-a-key-at-all");
        WebElement refused = await(d -> d.findElement(By.id("sign-in-error")));
        assertThat(refused.getText()).isEqualTo("This API key is not valid.");
        assertThat(browser.findElement(By.id("apiKey")).getAttribute("aria-describedby")).isEqualTo("sign-in-error");
        assertThat(browser.getPageSource()).doesNotContain("ahk_not-a-key");
        screenshot("01-sign-in-refused");

        signIn(HubHarness.API_KEY);
        await(d -> d.getCurrentUrl().endsWith("/console"));
        assertThat(heading().getText()).isEqualTo("Overview");
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("Signed in as e2e");
        screenshot("02-overview-empty");

        // install the whole agency through the simulator's consent page, as an agency admin would
        browser.get(base + "/oauth/install");
        await(d -> d.findElement(By.cssSelector("input[name=target][value=AGENCY]"))).click();
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await(d -> d.findElement(By.tagName("h1")).getText().equals("App installed"));
        screenshot("03-agency-installed");
        harness.drainProvisioning(hub); // what the provisioning scheduler does in the background

        browser.get(base + "/console/installations");
        WebElement table = await(d -> d.findElement(By.id("installations")));
        List<String> locations = table.findElements(By.cssSelector("tbody th a")).stream().map(WebElement::getText)
            .toList();
        assertThat(locations).contains("sim-loc-0001", "sim-loc-0002", "sim-loc-0003", "— (agency)");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Showing 1–4 of 4");
        screenshot("04-installations");

        WebElement locationFilter = browser.findElement(By.id("locationId"));
        locationFilter.sendKeys("sim-loc-0002");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("status"))).selectByVisibleText("Active");
        locationFilter.sendKeys(Keys.ENTER);
        await(d -> d.getCurrentUrl().contains("locationId=sim-loc-0002"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Showing 1–1 of 1");
        assertThat(browser.findElement(By.id("locationId")).getAttribute("value")).isEqualTo("sim-loc-0002");
        screenshot("05-installations-filtered");

        browser.findElement(By.linkText("sim-loc-0002")).click();
        assertThat(heading().getText()).isEqualTo("Location sim-loc-0002");
        browser.findElement(By.linkText("Installations of this company")).click();
        await(d -> d.getCurrentUrl().contains("companyId=sim-company-1"));
        browser.findElement(By.linkText("— (agency)")).click();
        assertThat(heading().getText()).isEqualTo("Agency sim-company-1");
        assertThat(browser.findElement(By.id("agency-locations")).getText()).contains("sim-loc-0001")
            .contains("sim-loc-0002").contains("sim-loc-0003").contains("minted from company");
        screenshot("06a-agency");
        browser.findElement(By.linkText("sim-loc-0002")).click();
        assertThat(heading().getText()).isEqualTo("Location sim-loc-0002");
        String details = browser.findElement(By.tagName("main")).getText();
        assertThat(details).contains("minted from company").contains("Consecutive failures").contains("Active");
        assertThat(browser.findElement(By.id("budgets")).getText()).contains("agency sim-company-1")
            .contains("location sim-loc-0002");
        assertThat(browser.findElement(By.id("events")).getText()).contains("installed");
        screenshot("06-installation-detail");

        harness.sql("INSERT INTO webhook_inbox (webhook_id, event_kind, event_type, received_at, status, attempts,"
            + " next_attempt_at, last_error) VALUES ('wh-browser-dead', 'OTHER', 'ContactCreate', UTC_TIMESTAMP(6),"
            + " 'DEAD', 8, UTC_TIMESTAMP(6), 'handler kept failing')");
        browser.findElement(By.linkText("Dead letters")).click();
        WebElement letters = await(d -> d.findElement(By.id("dead-letters")));
        assertThat(letters.getText()).contains("wh-browser-dead").contains("handler kept failing");
        screenshot("07-dead-letters");
        letters.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement notice = await(d -> d.findElement(By.cssSelector("p.notice")));
        assertThat(notice.getText()).endsWith("is back in the queue.");
        assertThat(browser.getPageSource()).contains("No dead letters.");
        assertThat(harness.count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DEAD'")).isZero();
        screenshot("08-dead-letter-replayed");

        browser.findElement(By.linkText("Audit")).click();
        assertThat(await(d -> d.findElement(By.tagName("tbody"))).getText()).contains("replay dead letter")
            .contains("sign in");

        browser.findElement(By.cssSelector("header button[type=submit]")).click();
        await(d -> d.getCurrentUrl().contains("/console/sign-in"));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("You are signed out.");
        screenshot("09-signed-out");
        browser.get(base + "/console/installations");
        assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
        assertThat(harness.count("SELECT COUNT(*) FROM console_audit WHERE key_name = 'e2e'"
            + " AND action IN ('SIGN_IN', 'REPLAY_DEAD_LETTER', 'SIGN_OUT')")).isEqualTo(3);
        try (var shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(9);
        }
    }
}
