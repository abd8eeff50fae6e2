package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver (.ci/run installs both). The numbers and charts on the page are checked against the ledger,
 * a provider is disabled by clicking, and the next request must avoid it. Screenshots go to target/screenshots.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String ADMIN_KEY = "tg-admin-4f8a2c6e0b";
    private static final Model FIRST = Model.free("first/llama", 0.9);
    private static final Model SECOND = Model.free("second/qwen", 0.8);
    private static final Model PAID = Model.paid("paid/gpt", 0.95, "2.00", "8.00");

    private final TestGateway gateway = new TestGateway().model(FIRST).model(SECOND).model(PAID);
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "Chromium is not installed (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,2200");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        gateway.close();
    }

    @Test
    void theDashboardShowsTheLedgersNumbersAndDisablingAProviderInItReroutesTheNextRequest() throws Exception {
        gateway.env("TOLLGATE_ADMIN_KEY", ADMIN_KEY).start();
        gateway.upstreams().answers(FIRST, "from first", 120, 30);
        gateway.upstreams().answers(SECOND, "from second", 100, 20);
        gateway.upstreams().answers(PAID, "from paid", 400_000, 100_000);
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).statusCode()).isEqualTo(200);
        }
        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat(PAID.name(), false),
                Map.of("x-tollgate-allow-paid", "true")).statusCode()).isEqualTo(200);
        List<Map<String, Object>> ledger = gateway.ledger(4);
        assertThat(ledger).hasSize(4);
        BigDecimal ledgerCost = ledger.stream().map(row -> new BigDecimal(row.get("cost_usd").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        browser.get(gateway.baseUri().resolve("/dashboard").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("key")).sendKeys(ADMIN_KEY);
        browser.findElement(By.id("log-in")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard"));
        // The same page without its 5-second refresh, so that what is read holds still.
        browser.get(gateway.baseUri().resolve("/dashboard?refresh=0").toString());
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        screenshot("dashboard.png");

        assertThat(text("total-requests")).isEqualTo(String.valueOf(ledger.size()));
        assertThat(text("success-rate")).isEqualTo("100.0%");
        assertThat(text("month-spend")).isEqualTo("$" + ledgerCost.setScale(2, RoundingMode.HALF_UP).toPlainString());
        assertThat(sumOfBars("chart-requests")).isEqualTo(ledger.size());
        assertThat(sumOfBars("chart-spend")).isCloseTo(ledgerCost.doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(browser.findElements(By.cssSelector("#chart-requests rect.bar")).stream()
                .map(bar -> bar.getAttribute("data-series")).distinct()).containsExactlyInAnyOrder("first", "paid");
        List<WebElement> recent = browser.findElements(By.cssSelector("#recent tbody tr"));
        assertThat(recent).hasSize(ledger.size());
        assertThat(recent.get(0).findElement(By.className("model")).getText()).isEqualTo(PAID.name());
        assertThat(recent.get(0).findElement(By.className("justification")).getText()).isNotBlank();
        assertThat(recent.get(1).findElement(By.className("explanation")).getText()).contains(FIRST.name(), SECOND.name());
        assertThat(statusOf("first")).isEqualTo("healthy");
        String page = browser.getPageSource();
        for (Model model : List.of(FIRST, SECOND, PAID)) {
            assertThat(page).doesNotContain(TestGateway.keyOf(model.provider()));
        }

        browser.findElement(By.cssSelector("button.toggle-provider[data-provider='first']")).click();
        wait.until(ExpectedConditions.textMatches(By.id("config-status"), java.util.regex.Pattern.compile("^applied")));
        wait.until(driver -> statusOf("first").equals("disabled"));
        assertThat(text("overlay")).contains("first:", "enabled: false");
        screenshot("dashboard-provider-disabled.png");

        HttpResponse<String> next = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("x-tollgate-provider")).hasValue("second");
        assertThat(gateway.upstreams().calls(FIRST)).isEqualTo(3);
        assertThat(gateway.ledger(5).get(4).get("provider")).isEqualTo("second");
        assertThat(Files.readString(gateway.home().resolve("config/overlay.yaml"))).contains("enabled: false");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        wait.until(driver -> text("total-requests").equals("5"));
        screenshot("dashboard-after-reroute.png");
        assertThat(browser.findElements(By.cssSelector("#chart-requests rect.bar")).stream()
                .map(bar -> bar.getAttribute("data-series")).distinct()).contains("second");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private String statusOf(String provider) {
        return browser.findElement(By.cssSelector("#providers tr[data-provider='" + provider + "'] .status")).getText();
    }

    private double sumOfBars(String chart) {
        return browser.findElements(By.cssSelector("#" + chart + " rect.bar")).stream()
                .mapToDouble(bar -> Double.parseDouble(bar.getAttribute("data-value"))).sum();
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
