package io.claimshub.dashboard;

import io.claimshub.HubHarness;
import io.claimshub.api.SecretHash;
import io.claimshub.e2e.Dft;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.ClaimLedger.IncomingClaim;
import io.claimshub.ledger.ClaimLedger.Source;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.claimshub.e2e.Folders.drop;

/**
 * The dashboard in headless Chromium against the running hub: log in, the summary, the claims list
 * filtered by status, a rejected claim's reasons, and redelivering a dead batch with its button. The
 * screenshot it takes with data on the page is target/dashboard.png (docs/dashboard.png is a copy).
 */
class DashboardIT {

    private static final String DEAD_FILE = "payer-x-20261101T100000Z-000000042.837";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HubHarness hub;
    private static JdbcDataSource ledgerData;
    private static long deadClaimId;

    @BeforeAll
    static void startHubWithClaims() throws Exception {
        Path workDir = Files.createTempDirectory("dashboard-it");
        hub = new HubHarness(workDir).withConfig("e2e/config");
        Files.writeString(workDir.resolve("config/api-users.properties"),
                "user.otto = operator " + SecretHash.create("otto-secret-2") + "\n");
        hub.start();
        ledgerData = new JdbcDataSource();
        ledgerData.setURL("jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0");
        ledgerData.setUser("sa");
        ledgerData.setPassword("");

        // One good claim (acme batches two, so it stays validated) and one whose rendering NPI fails the check digit.
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        drop(inbox, "visit-1.hl7", Dft.message().controlId("M1").clm01("ACC1").build());
        drop(inbox, "visit-2.hl7", Dft.message().controlId("M2").clm01("ACC2").renderingNpi("1234567890").build());
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM claim") == 2);

        deadClaimId = deadClaim();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void the_page_and_its_two_files_are_served_without_credentials_and_nothing_else_is() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/app.js");
        HttpResponse<String> style = get("/style.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("/api/summary");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        for (String other : List.of("/index.html", "/dashboard/app.js", "/dashboard/", "/%2e%2e/pom.xml",
                "/app.js/../../pom.xml", "/api/openapi.json", "/style.css.map")) {
            assertThat(get(other).statusCode()).as(other).isIn(401, 404);
            assertThat(get(other).body()).as(other).doesNotContain("'use strict'", "<project");
        }
        assertThat(get("/api/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void an_operator_logs_in_sees_the_counts_finds_a_rejected_claim_and_redelivers_a_dead_batch() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            browser.get("http://127.0.0.1:" + hub.httpPort() + "/");

            // Wrong password: the form says so and the app stays hidden.
            logIn(browser, "otto", "not-the-password");
            wait.until(b -> text(b, "#login-error").equals("User or password not accepted."));
            assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();

            logIn(browser, "otto", "otto-secret-2");
            wait.until(b -> b.findElement(By.id("app")).isDisplayed());
            assertThat(browser.findElement(By.id("login-view")).isDisplayed()).isFalse();
            assertThat(text(browser, "#who")).isEqualTo("otto");

            // Summary: one row per status, one column per payer.
            wait.until(b -> b.findElements(By.cssSelector("#summary tbody tr")).size() == 3);
            assertThat(summaryCell(browser, "rejected", "acme")).isEqualTo("1");
            assertThat(summaryCell(browser, "validated", "acme")).isEqualTo("1");
            assertThat(summaryCell(browser, "dead", "payer-x")).isEqualTo("1");
            assertThat(summaryCell(browser, "dead", "acme")).isEqualTo("0");

            // Claims list filtered to rejected, then the rejected claim with its reason.
            wait.until(b -> text(b, "#page").equals("1–3 of 3"));
            filterByStatus(browser, "rejected");
            wait.until(b -> text(b, "#page").equals("1–1 of 1"));
            WebElement row = browser.findElement(By.cssSelector("#claims tbody tr"));
            assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo("ACC2");
            assertThat(row.findElements(By.tagName("td")).get(4).getText()).isEqualTo("rejected");
            row.click();
            wait.until(b -> b.findElement(By.id("detail")).isDisplayed()
                    && text(b, "#detail-reasons").contains("NPI_CHECK_DIGIT"));
            assertThat(text(browser, "#detail-title")).isEqualTo("ACC2 (sunrise)");
            assertThat(text(browser, "#detail-reasons")).startsWith("FT1 #1: ").contains("(NPI_CHECK_DIGIT)");
            assertThat(text(browser, "#detail-facts")).contains("Status\nrejected").contains("visit-2.hl7");
            assertThat(text(browser, "#detail-timeline")).contains(" rejected");
            screenshot(browser);

            // The dead batch: listed, redelivered with its button, gone from the list; its claim is queued again.
            filterByStatus(browser, "dead");
            wait.until(b -> claimStatus(b, deadClaimId).equals("dead"));
            assertThat(text(browser, "#dead tbody")).contains(DEAD_FILE).contains("SFTP upload refused");
            browser.findElement(By.xpath("//table[@id='dead']//tr[td[1]='" + DEAD_FILE + "']//button")).click();
            wait.until(b -> text(b, "#dead-message").equals(DEAD_FILE + " queued for delivery again."));
            wait.until(b -> !text(b, "#dead tbody").contains(DEAD_FILE));
            assertThat(text(browser, "#dead tbody")).isEqualTo("none");
            filterByStatus(browser, "queued");
            wait.until(b -> claimStatus(b, deadClaimId).equals("queued"));
            assertThat(count("SELECT COUNT(*) FROM batch WHERE file_name = '" + DEAD_FILE + "' AND status = 'queued'"))
                    .isEqualTo(1);
            wait.until(b -> summaryCell(b, "queued", "payer-x").equals("1"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void after_too_many_wrong_passwords_the_login_form_says_how_long_to_wait() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://127.0.0.1:" + hub.httpPort() + "/");
            for (int attempt = 1; attempt <= 5; attempt++) {
                logIn(browser, "guessed-name", "guess-" + attempt);
                int tries = attempt;
                wait.until(b -> b.findElement(By.id("login-error")).getText().equals("User or password not accepted.")
                        && auditedFailures() >= tries);
                assertThat(auditedFailures()).as("one wrong password is one failed login").isEqualTo(tries);
            }

            logIn(browser, "guessed-name", "guess-6");
            wait.until(b -> text(b, "#login-error").startsWith("too many failed logins"));
            assertThat(text(browser, "#login-error")).matches("too many failed logins: try again in \\d+ seconds");
            assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    private static long auditedFailures() {
        try {
            return count("SELECT COUNT(*) FROM api_audit WHERE api_user = 'guessed-name' AND outcome = 'failed'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void logIn(ChromeDriver browser, String user, String password) {
        WebElement userField = browser.findElement(By.id("user"));
        WebElement passwordField = browser.findElement(By.id("password"));
        userField.clear();
        userField.sendKeys(user);
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    private static void filterByStatus(ChromeDriver browser, String status) {
        new Select(browser.findElement(By.name("status"))).selectByVisibleText(status);
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    }

    private static String text(org.openqa.selenium.WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** The status cell of a claim's row in the claims list, "" while it is not listed. */
    private static String claimStatus(org.openqa.selenium.WebDriver browser, long claimId) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#claims tbody tr[data-claim-id='" + claimId + "']"));
        return rows.isEmpty() ? "" : rows.get(0).findElements(By.tagName("td")).get(4).getText();
    }

    /** The summary count for a status (row) and payer (column), "" when there is no such row or column. */
    private static String summaryCell(org.openqa.selenium.WebDriver browser, String status, String payer) {
        List<String> payers = browser.findElements(By.cssSelector("#summary thead th")).stream()
                .map(WebElement::getText).toList();
        int column = payers.indexOf(payer);
        for (WebElement row : browser.findElements(By.cssSelector("#summary tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (column > 0 && cells.get(0).getText().equals(status)) {
                return cells.get(column).getText();
            }
        }
        return "";
    }

    private static void screenshot(ChromeDriver browser) throws Exception {
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1280, 1400));
        Path target = Files.createDirectories(Path.of("target"));
        Files.write(target.resolve("dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(size);
    }

    /** A claim in a batch the delivery flow gave up on, as ApiIT makes one: batch and claim DEAD, the error on the claim. */
    private static long deadClaim() throws Exception {
        ClaimLedger ledger = new ClaimLedger(ledgerData, Clock.fixed(Instant.parse("2026-11-01T09:00:00Z"), ZoneOffset.UTC));
        String payload = Files.readString(Path.of("examples/claim.json")).replace("\"ACC", "\"DEAD");
        long claimId = ledger.recordClaim(new IncomingClaim("sunrise", "DEAD-1", "1", null, "payer-x",
                new BigDecimal("205.00"), payload, "hash-dead-1", new Source("file", "dead-1.json", null), List.of()))
                .claimId();
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO batch (payer_id, file_name, interchange_control_number, created_at, status,"
                    + " claim_count) VALUES ('payer-x', '" + DEAD_FILE + "', 42, TIMESTAMP '2026-11-01 10:00:00', 'dead', 1)");
            statement.execute("UPDATE claim SET status = 'DEAD', st02 = '000000001', batch_id = (SELECT id FROM batch"
                    + " WHERE file_name = '" + DEAD_FILE + "') WHERE id = " + claimId);
            statement.execute("INSERT INTO claim_event (claim_id, at, status, detail) VALUES (" + claimId
                    + ", TIMESTAMP '2026-11-01 11:00:00', 'DEAD', 'SFTP upload refused: permission denied')");
            statement.execute("INSERT INTO delivery (batch_id, payer_id, file_name, status, attempts, next_attempt_at,"
                    + " last_error, updated_at) VALUES ((SELECT id FROM batch WHERE file_name = '" + DEAD_FILE + "'),"
                    + " 'payer-x', '" + DEAD_FILE + "', 'DEAD', 8, TIMESTAMP '2026-11-01 11:00:00',"
                    + " 'SFTP upload refused: permission denied', TIMESTAMP '2026-11-01 11:00:00')");
        }
        return claimId;
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
