package io.claimshub.dashboard;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HttpTestServer;
import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.claimshub.testing.Fixtures.drop;

/**
 * The dashboard in headless Chromium against the running hub: log in, the summary, the claims list
 * filtered by status, a rejected claim's reasons, and redelivering a dead batch with its button. The
 * screenshot it takes with data on the page is target/dashboard.png (docs/dashboard.png is a copy).
 */
class DashboardIT {

    private static final String DEAD_FILE = "medicare-20261101T100000Z-000000042.837";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpTestServer payerServer;
    private static Path workDir;
    private static HubHarness hub;
    private static DataSource ledgerData;
    private static final String XSS_NAME = "<script>window.xss=1</script>";
    private static final String XSS_FIRST = "\"><img src=x onerror=window.xss=2>";
    private static final String XSS_ACCOUNT = "<b>X1</b>\"><img src=x onerror=window.xss=3>";
    private static final String XSS_REASON = "CO-16: <script>window.xss=4</script>\"><img src=x onerror=window.xss=5>";
    private static final String XSS_FILE = "\"><img src=x onerror=window.xss=6>.hl7";

    private static long deniedClaimId;
    private static long xssClaimId;

    @BeforeAll
    static void startHubWithClaims() throws Exception {
        workDir = Files.createTempDirectory("dashboard-it");
        hub = new HubHarness(workDir).withConfig("e2e/config").withApiUser("carla", "operator", "carla-secret-2")
                .withApiUser("rita", "reader", "rita-secret-1");
        // Medicare takes claims over HTTP here, from a real server on a free port that answers 202.
        payerServer = new HttpTestServer("/claims").answering(202);
        Path payers = workDir.resolve("config/payers.yaml");
        Files.writeString(payers, Files.readString(payers).replace(
                "delivery: { type: folder, path: data/payers/medicare/inbound }",
                "delivery: { type: http, url: \"" + payerServer.url("/claims") + "\","
                        + " timeout: 5s, retry: { maxAttempts: 3, initialDelay: 50ms, maxDelay: 100ms } }"));
        hub.withProperty("claimshub.delivery.tick", "200").start();
        ledgerData = hub.setup().h2Ledger();

        // One good claim (acme batches two, so it stays validated) and one whose rendering NPI fails the check digit.
        Path inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        drop(inbox, "visit-1.hl7", Dft.message().controlId("M1").clm01("ACC1").build());
        drop(inbox, "visit-2.hl7", Dft.message().controlId("M2").clm01("ACC2").renderingNpi("1234567890").build());
        drop(inbox, "not-hl7.hl7", "this is not an HL7 message\r");
        drop(inbox, XSS_FILE, "neither is this\r");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM claim") == 2
                && setAside(inbox) == 2);

        deadClaim();
        deniedClaimId = deniedClaim("DEN-1", "DOE", "JANE", "CO-29: The time limit for filing has expired");
        xssClaimId = deniedClaim(XSS_ACCOUNT, XSS_NAME, XSS_FIRST, XSS_REASON);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        if (payerServer != null) {
            payerServer.close();
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
    void a_clerk_works_the_denied_claim_from_needs_attention_to_a_corrected_claim_and_redelivers_a_dead_file()
            throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            FluentWait<WebDriver> wait = waitFor(browser);
            browser.manage().window().setSize(new Dimension(1280, 800));
            browser.get(base() + "/");

            // Wrong password: the form says so and the app stays hidden.
            logIn(browser, "carla", "not-the-password");
            wait.until(b -> text(b, "#login-error").equals("User or password not accepted."));
            assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();

            logIn(browser, "carla", "carla-secret-2");
            wait.until(b -> b.findElement(By.id("app")).isDisplayed());
            assertThat(text(browser, "#who")).isEqualTo("carla");

            // Needs attention is the first screen: counts per list, the denied claim with its reason and amount.
            wait.until(b -> text(b, "#attention-counts").contains("Denied by the payer: 2"));
            assertThat(text(browser, "#attention-counts")).contains("Rejected by the hub's checks: 1")
                    .contains("Could not be delivered: 1").contains("Unreadable files and messages: 2");
            assertThat(text(browser, "#attention-count")).isEqualTo("6");
            List<String> denied = cells(browser, "#list-denied tr[data-claim-id='" + deniedClaimId + "']");
            assertThat(denied).containsExactly("DOE, JANE", "DEN-1", "10/20/2026", "ACME HEALTH PLAN", "$205.00",
                    "CO-29: The time limit for filing has expired", "Read the denial; resubmit a corrected claim or appeal",
                    "Open");
            assertThat(text(browser, "#list-hub-rejected")).contains("ACC2").contains("FT1 #1: ");
            assertThat(pageFitsTheWindow(browser)).isTrue();
            screenshot(browser, "dashboard-attention.png");

            // Its page by URL (shareable), viewed and audited.
            browser.get(base() + "/#/claims/" + deniedClaimId);
            wait.until(b -> text(b, "#claim-title").startsWith("DEN-1"));
            assertThat(text(browser, "#claim-title")).isEqualTo("DEN-1 — DOE, JANE");
            assertThat(text(browser, "#claim-facts")).contains("Status\nDenied").contains("Date of birth\n02/15/1980")
                    .contains("Date of service\n10/20/2026").contains("Payer\nACME HEALTH PLAN")
                    .contains("Billed\n$205.00").contains("Payer claim number\nPCN-DEN-1").contains("file DEN-1.json");
            assertThat(text(browser, "#claim-lines tbody")).contains("99213 25").contains("$125.00").contains("$80.00");
            assertThat(text(browser, "#claim-reasons")).isEqualTo("CO-29: The time limit for filing has expired");
            assertThat(text(browser, "#claim-timeline")).contains("Denied — 835 CLP DEN-1 in remit-7.835: denied");
            assertThat(count("SELECT COUNT(*) FROM api_audit WHERE api_user = 'carla' AND action = 'view-claim'"
                    + " AND claim_id = " + deniedClaimId)).isEqualTo(1);
            screenshot(browser, "dashboard-claim.png");

            // Resubmit the corrected claim (a replacement of the payer's claim), after a confirmation.
            assertThat(browser.findElement(By.id("corrected")).getAttribute("value"))
                    .contains("\"frequencyCode\": \"7\"").contains("\"originalPayerClaimNumber\": \"PCN-DEN-1\"");
            browser.findElement(By.id("resubmit")).click();
            wait.until(b -> b.findElement(By.id("confirm")).isDisplayed());
            assertThat(text(browser, "#confirm-text")).isEqualTo("Send a corrected claim for account DEN-1 to ACME HEALTH PLAN?");
            browser.findElement(By.id("confirm-ok")).sendKeys(Keys.ENTER);
            wait.until(b -> text(b, "#action-message").startsWith("Corrected claim accepted: claim #"));
            long corrected = Long.parseLong(text(browser, "#action-message").replaceAll("\\D+", ""));
            assertThat(count("SELECT COUNT(*) FROM claim WHERE id = " + corrected + " AND clm01 = 'DEN-1'"
                    + " AND frequency = '7' AND original_payer_claim_number = 'PCN-DEN-1'")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM api_audit WHERE api_user = 'carla' AND action = 'resubmit-claim'"
                    + " AND claim_id = " + corrected + " AND outcome = 'accepted'")).isEqualTo(1);
            browser.findElement(By.linkText("claim #" + corrected)).click();
            wait.until(b -> text(b, "#claim-related").contains("DEN-1 to ACME HEALTH PLAN — Denied"));

            // The unreadable file, with its reason.
            browser.findElement(By.linkText("Unreadable & unmatched")).click();
            wait.until(b -> text(b, "#unreadable tbody").contains("not-hl7.hl7"));
            // other tests of this class drop unreadable files into the same inbox: find this file's row
            List<String> unreadable = browser.findElements(By.cssSelector("#unreadable tbody tr")).stream()
                    .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                    .filter(row -> row.size() > 2 && row.get(2).equals("not-hl7.hl7")).findFirst().orElseThrow();
            assertThat(unreadable).element(4).asString()
                    .contains("neither HL7 v2").contains("nor JSON claims");
            screenshot(browser, "dashboard-inputs.png");

            // Redeliver the dead file: the message is the attempt's real outcome, as the ledger has it.
            browser.findElement(By.partialLinkText("Needs attention")).click();
            wait.until(b -> text(b, "#list-dead").contains(DEAD_FILE));
            // The list may be re-rendered between finding the button and clicking it: click again then.
            wait.until(b -> {
                b.findElement(By.xpath("//section[@id='list-dead']//button[text()='Redeliver']")).click();
                return true;
            });
            wait.until(b -> b.findElement(By.id("confirm")).isDisplayed());
            browser.findElement(By.id("confirm-ok")).click();
            wait.withTimeout(Duration.ofSeconds(90)).until(b -> text(b, "#attention-message").startsWith(DEAD_FILE + ": ")
                    && !text(b, "#attention-message").endsWith("sending again…"));
            String outcome = text(browser, "#attention-message");
            String[] delivery = deliveryRow(DEAD_FILE);
            assertThat(Integer.parseInt(delivery[2])).as("an attempt was made").isPositive();
            if (delivery[0].equals("DELIVERED")) {
                assertThat(outcome).isEqualTo(DEAD_FILE + ": delivered to the payer.");
            } else if (delivery[0].equals("DEAD")) {
                assertThat(outcome).isEqualTo(DEAD_FILE + ": failed again — " + delivery[1] + ". It is set aside again.");
            } else {
                assertThat(outcome).startsWith(DEAD_FILE + ": attempt " + delivery[2] + " failed — " + delivery[1]);
            }
            assertThat(outcome).doesNotContain("queued");
            if (delivery[0].equals("DELIVERED")) {
                assertThat(payerServer.bodies()).containsExactly("ISA*00*the dead batch~");
            }
            browser.executeScript("window.scrollTo(0, 0)");
            screenshot(browser, "dashboard.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void names_accounts_reasons_and_file_names_with_markup_are_shown_as_text_on_every_page() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            FluentWait<WebDriver> wait = waitFor(browser);
            browser.get(base() + "/");
            logIn(browser, "rita", "rita-secret-1");
            wait.until(b -> text(b, "#list-denied").contains(XSS_ACCOUNT));
            assertThat(text(browser, "#list-denied")).contains(XSS_NAME + ", " + XSS_FIRST).contains(XSS_REASON);
            assertThat(text(browser, "#list-unreadable")).contains(XSS_FILE);
            assertNoMarkupRan(browser);

            browser.get(base() + "/#/claims/" + xssClaimId);
            wait.until(b -> text(b, "#claim-title").startsWith(XSS_ACCOUNT));
            assertThat(text(browser, "#claim-title")).isEqualTo(XSS_ACCOUNT + " — " + XSS_NAME + ", " + XSS_FIRST);
            assertThat(text(browser, "#claim-timeline")).contains(XSS_REASON);
            assertNoMarkupRan(browser);

            browser.get(base() + "/#/claims");
            wait.until(b -> text(b, "#claims tbody").contains(XSS_ACCOUNT));
            assertNoMarkupRan(browser);

            browser.get(base() + "/#/inputs");
            wait.until(b -> text(b, "#unreadable tbody").contains(XSS_FILE));
            assertNoMarkupRan(browser);

            // A reader sees the claim but may not resubmit: the hub answers 403 and the page says so.
            browser.get(base() + "/#/claims/" + xssClaimId);
            wait.until(b -> text(b, "#claim-title").startsWith(XSS_ACCOUNT));
            browser.findElement(By.id("resubmit")).click();
            wait.until(b -> b.findElement(By.id("confirm")).isDisplayed());
            browser.findElement(By.id("confirm-ok")).click();
            wait.until(b -> text(b, "#action-message").startsWith("Not allowed: "));
            assertThat(text(browser, "#action-message")).contains("role reader");

            // Readable on a tablet.
            browser.manage().window().setSize(new Dimension(768, 1024));
            browser.get(base() + "/#/attention");
            wait.until(b -> text(b, "#list-denied").contains(XSS_ACCOUNT));
            assertThat(pageFitsTheWindow(browser)).isTrue();
        } finally {
            browser.quit();
        }
    }

    /** The lists re-render on auto-refresh: an element found a moment ago may be replaced, so look again. */
    private static FluentWait<WebDriver> waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    }

    @Test
    void the_remittances_page_shows_each_payment_with_its_plb_and_the_claims_paid_in_it() throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO reply_file (payer_id, content_hash, stored_name, status, received_at)"
                    + " VALUES ('acme', 'hash-remit-7', 'acme/remit-7.835', 'processed', TIMESTAMP '2026-11-21 11:00:00')");
            statement.execute("INSERT INTO remittance (reply_file_id, payer_id, clinic_id, st02, check_number, payment_date,"
                    + " amount, received_at) SELECT id, 'acme', 'sunrise', '0001', 'CHK42', '20261120', 60.00,"
                    + " TIMESTAMP '2026-11-21 11:00:00' FROM reply_file WHERE content_hash = 'hash-remit-7'");
            statement.execute("INSERT INTO provider_adjustment (reply_file_id, remittance_id, payer_id, st02, provider_id,"
                    + " reason_code, reference, amount) SELECT reply_file_id, id, 'acme', '0001', '1234567893', 'WO', 'X1',"
                    + " 10.00 FROM remittance WHERE check_number = 'CHK42'");
            statement.execute("INSERT INTO claim_reply (claim_id, reply_file_id, kind, control_numbers, reply_status,"
                    + " applied, charge, paid, patient_responsibility, check_number, received_at) SELECT " + deniedClaimId
                    + ", id, '835', 'CLP DEN-1', 'DENIED', TRUE, 205.00, 0.00, 0.00, 'CHK42', TIMESTAMP '2026-11-21 11:00:00'"
                    + " FROM reply_file WHERE content_hash = 'hash-remit-7'");
        }
        ChromeDriver browser = Browser.start();
        try {
            FluentWait<WebDriver> wait = waitFor(browser);
            browser.get(base() + "/#/remittances");
            logIn(browser, "rita", "rita-secret-1");
            wait.until(b -> text(b, "#remittances tbody").contains("CHK42"));
            assertThat(cells(browser, "#remittances tbody tr")).containsExactly("11/20/2026", "ACME HEALTH PLAN", "CHK42",
                    "$60.00", "WO X1: $10.00", "Claims");
            browser.findElement(By.xpath("//table[@id='remittances']//button[text()='Claims']")).click();
            wait.until(b -> !b.findElements(By.cssSelector("#remittances .paid-claims tbody tr")).isEmpty());
            assertThat(cells(browser, "#remittances .paid-claims tbody tr")).containsExactly("DEN-1", "DOE, JANE",
                    "10/20/2026", "Denied", "$205.00", "$0.00", "$0.00");
            screenshot(browser, "dashboard-remittances.png");
        } finally {
            browser.quit();
        }
    }

    private static void assertNoMarkupRan(ChromeDriver browser) {
        assertThat(browser.executeScript("return window.xss === undefined")).as("injected markup ran").isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#app img, #app script, #app b"))).isEmpty();
    }

    /** No horizontal scrolling of the page itself (wide tables scroll inside their section). */
    private static boolean pageFitsTheWindow(ChromeDriver browser) {
        return (Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth");
    }

    private static List<String> cells(org.openqa.selenium.WebDriver browser, String rowCss) {
        return browser.findElement(By.cssSelector(rowCss)).findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList();
    }

    /** status, last_error, attempts of a file's delivery. */
    private static String[] deliveryRow(String fileName) throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT status, last_error, attempts FROM delivery WHERE file_name = '"
                     + fileName + "'")) {
            row.next();
            return new String[]{row.getString(1), row.getString(2), row.getString(3)};
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

    private static String text(org.openqa.selenium.WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** A screenshot as a build artefact in target/ (docs/dashboard.png is a copy of target/dashboard.png). */
    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** A claim in a batch the delivery flow gave up on, as ApiIT makes one: batch and claim DEAD, the error on the claim. */
    private static void deadClaim() throws Exception {
        Path deadLetters = Files.createDirectories(workDir.resolve("data/dead/medicare"));
        Files.writeString(deadLetters.resolve(DEAD_FILE), "ISA*00*the dead batch~");
        String payload = Files.readString(Path.of("examples/claim.json")).replace("\"ACC", "\"DEAD");
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO batch (payer_id, file_name, interchange_control_number, created_at, status,"
                    + " claim_count) VALUES ('medicare', '" + DEAD_FILE + "', 42, TIMESTAMP '2026-11-01 10:00:00', 'dead', 1)");
            long claimId = insertClaim(connection, "DEAD-1", "medicare", payload, "hash-dead-1", "dead-1.json");
            statement.execute("UPDATE claim SET status = 'DEAD', st02 = '000000001', batch_id = (SELECT id FROM batch"
                    + " WHERE file_name = '" + DEAD_FILE + "') WHERE id = " + claimId);
            statement.execute("INSERT INTO claim_event (claim_id, at, status, detail) VALUES (" + claimId
                    + ", TIMESTAMP '2026-11-01 11:00:00', 'DEAD', 'SFTP upload refused: permission denied')");
            statement.execute("INSERT INTO delivery (batch_id, payer_id, file_name, status, attempts, next_attempt_at,"
                    + " last_error, updated_at) VALUES ((SELECT id FROM batch WHERE file_name = '" + DEAD_FILE + "'),"
                    + " 'medicare', '" + DEAD_FILE + "', 'DEAD', 8, TIMESTAMP '2026-11-01 11:00:00',"
                    + " 'SFTP upload refused: permission denied', TIMESTAMP '2026-11-01 11:00:00')");
            connection.commit();
        }
    }

    /** A claim an 835 denied, as the reply flow leaves it: status, payer claim number, the event with the reasons. */
    private static long deniedClaim(String clm01, String lastName, String firstName, String reason) throws Exception {
        ObjectNode claim = (ObjectNode) JSON.readTree(Path.of("examples/claim.json").toFile());
        claim.put("patientControlNumber", clm01);
        ((ObjectNode) claim.get("patient")).put("lastName", lastName).put("firstName", firstName).remove("middleName");
        long claimId;
        try (Connection connection = ledgerData.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE claim SET status = 'DENIED', payer_claim_number = 'PCN-DEN-1' WHERE id = ?");
             PreparedStatement event = connection.prepareStatement("INSERT INTO claim_event (claim_id, at, status, detail)"
                     + " VALUES (?, TIMESTAMP '2026-11-21 11:00:00', 'DENIED', ?)")) {
            connection.setAutoCommit(false);
            claimId = insertClaim(connection, clm01, "acme", claim.toString(), "hash-" + clm01, "DEN-1.json");
            update.setLong(1, claimId);
            update.executeUpdate();
            event.setLong(1, claimId);
            event.setString(2, "835 CLP DEN-1 in remit-7.835: denied\n" + reason);
            event.executeUpdate();
            connection.commit();
        }
        return claimId;
    }

    /**
     * A claim as the ledger records one from a file (VALIDATED, its payload, the "received" event), in the
     * caller's transaction: the caller moves it to its final status before committing, so the running
     * hub's batch writer never sees it waiting and cannot take it into a batch meanwhile.
     */
    private static long insertClaim(Connection connection, String clm01, String payerId, String payload,
                                    String contentHash, String sourceName) throws Exception {
        long claimId;
        try (PreparedStatement claim = connection.prepareStatement("INSERT INTO claim (clinic_id, clm01, frequency,"
                + " payer_id, total_charge, status, content_hash, source_kind, source_name, received_at, updated_at)"
                + " VALUES ('sunrise', ?, '1', ?, 205.00, 'VALIDATED', ?, 'file', ?, TIMESTAMP '2026-11-01 09:00:00',"
                + " TIMESTAMP '2026-11-01 09:00:00')", Statement.RETURN_GENERATED_KEYS)) {
            claim.setString(1, clm01);
            claim.setString(2, payerId);
            claim.setString(3, contentHash);
            claim.setString(4, sourceName);
            claim.executeUpdate();
            try (ResultSet key = claim.getGeneratedKeys()) {
                key.next();
                claimId = key.getLong(1);
            }
        }
        try (PreparedStatement body = connection.prepareStatement(
                     "INSERT INTO claim_payload (claim_id, payload) VALUES (?, ?)");
             PreparedStatement received = connection.prepareStatement("INSERT INTO claim_event (claim_id, at, status,"
                     + " detail) VALUES (?, TIMESTAMP '2026-11-01 09:00:00', 'VALIDATED', ?)")) {
            body.setLong(1, claimId);
            body.setString(2, payload);
            body.executeUpdate();
            received.setLong(1, claimId);
            received.setString(2, "received from file " + sourceName);
            received.executeUpdate();
        }
        return claimId;
    }

    private static long setAside(Path inbox) throws Exception {
        Path errors = inbox.resolve(".error");
        if (!Files.isDirectory(errors)) {
            return 0;
        }
        try (var files = Files.list(errors)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".reason.txt")).count();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + hub.httpPort();
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
