package io.claimshub.dashboard;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.mllp.MllpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visit's charges and credits in the dashboard (charge capture, docs/charge-capture.md), in headless Chromium
 * against the running hub fed over MLLP: each line's state in words (held until, reversed by credit, unmatched
 * credit, billed on claim, sent as replacement claim), the Release button (audited), and the way there from
 * Needs attention and from a claim's page.
 */
class EncounterDashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path workDir;
    private static HubHarness hub;
    private static DataSource ledgerData;

    /**
     * Sunrise holds a visit's charges for an hour of quiet; moonrise for two seconds, and parks a visit that
     * changes after its claim was sent (afterSend: hold).
     */
    @BeforeAll
    static void startHub() throws Exception {
        workDir = Files.createTempDirectory("encounter-dashboard-it");
        hub = new HubHarness(workDir).withConfig("e2e/config");
        Path clinics = workDir.resolve("config/clinics.yaml");
        String sunrise = Files.readString(clinics);
        String moonrise = sunrise.substring(sunrise.indexOf("  - id: sunrise")).replace("id: sunrise", "id: moonrise")
                .replace("name: Sunrise Family Practice", "name: Moonrise Clinic")
                .replace("sendingFacilities: [SUNRISE]", "sendingFacilities: [MOONRISE]")
                .replace("clinics/sunrise/", "clinics/moonrise/")
                .replace("replyTo: folder", "replyTo: folder\n    billHold: 2s\n    afterSend: hold");
        Files.writeString(clinics, sunrise.replace("replyTo: folder", "replyTo: folder\n    billHold: 1h")
                + moonrise);
        hub.withApiUser("carla", "operator", "carla-secret-2").withProperty("claimshub.encounters.tick", "200").withProperty("claimshub.batch.tick", "200")
                .withProperty("claimshub.delivery.tick", "200").start();
        ledgerData = hub.setup().h2Ledger();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_clerk_sees_each_line_of_a_held_visit_in_words_and_releases_it_from_its_page() throws Exception {
        try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M1")
                    .charge("T1", "99213", "25", "125.00", "J20.9").charge("T2", "71046", null, "80.00", "J20.9")
                    .chargeUnits("T3", "36415", "3", "45.00").build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M2")
                    .credit("C1", "T2", "71046", null, "80.00").creditUnits("C3", "T3", "36415", "1", "15.00")
                    .build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("M3")
                    .credit("C9", null, "99214", null, "150.00").build()))).isEqualTo("AE");
        }
        ChromeDriver browser = Browser.start();
        try {
            FluentWait<WebDriver> wait = waitFor(browser);
            browser.get(base() + "/#/encounters/sunrise/ACC500");
            logIn(browser);
            wait.until(b -> text(b, "#encounter-title").equals("ACC500 — Sunrise Family Practice"));
            assertThat(text(browser, "#encounter-facts")).contains("State\nHeld: charges are still being collected")
                    .contains("Bill hold ends\n");
            assertThat(lineCells(browser, "T1")).containsSubsequence("Charge", "T1", "M1", "10/20/2026", "99213 25",
                    "$125.00");
            assertThat(lineState(browser, "T1")).startsWith("Held until ");
            assertThat(lineState(browser, "T2")).isEqualTo("Reversed by credit C1");
            assertThat(lineState(browser, "C1")).isEqualTo("Reverses charge T2");
            assertThat(lineCells(browser, "T3")).containsSubsequence("36415 ×3", "$45.00");
            assertThat(lineState(browser, "T3")).startsWith("Held until ").endsWith(" ($15.00 credited)");
            assertThat(lineState(browser, "C3")).isEqualTo("Takes back part of charge T3");
            assertThat(lineState(browser, "C9")).startsWith("Unmatched credit, not applied: FT1 #1: credit 99214 of"
                    + " 150.00 on 2026-10-20 (FT1-2 C9) matches no charge received for this encounter");
            screenshot(browser, "dashboard-encounter.png");

            browser.findElement(By.id("encounter-release")).click();
            wait.until(b -> b.findElement(By.id("confirm")).isDisplayed());
            assertThat(text(browser, "#confirm-text")).isEqualTo("Release the visit ACC500 to be billed now?");
            browser.findElement(By.id("confirm-ok")).click();
            wait.until(b -> text(b, "#encounter-message")
                    .equals("ACC500: released; the hub bills it at its next release round."));
            assertThat(count("SELECT COUNT(*) FROM api_audit WHERE api_user = 'carla' AND action = 'release-encounter'"
                    + " AND target = 'encounter sunrise/ACC500'")).isEqualTo(1);

            // the page follows the visit (auto-refresh) until it is billed
            long claimId = await().atMost(WAIT).until(() -> single("SELECT MAX(id) FROM claim WHERE clinic_id = 'sunrise'"
                    + " AND clm01 = 'ACC500'"), id -> id > 0);
            wait.withTimeout(WAIT).until(b -> b.findElement(By.id("encounter-facts")).getDomAttribute("data-state")
                    .equals("BILLED"));
            assertThat(lineState(browser, "T1")).isEqualTo("Billed on claim #" + claimId);
            assertThat(lineState(browser, "T2")).isEqualTo("Reversed by credit C1");
            assertThat(lineState(browser, "T3")).isEqualTo("Billed on claim #" + claimId + " ($15.00 credited)");
            assertThat(text(browser, "#encounter-facts")).contains("Claims\n#" + claimId)
                    .contains("What happened last\nbecame claim " + claimId);
            assertThat(browser.findElement(By.id("encounter-release")).isDisplayed()).isFalse();

            // from the line to its claim, and from the claim back to the visit
            browser.findElement(By.cssSelector("#encounter-lines tr[data-line='T1']"))
                    .findElement(By.linkText("#" + claimId)).click();
            wait.until(b -> text(b, "#claim-title").startsWith("ACC500"));
            browser.findElement(By.linkText("Charges and credits of this visit")).click();
            wait.until(b -> text(b, "#encounter-title").startsWith("ACC500"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void a_visit_parked_after_its_claim_was_sent_is_opened_from_needs_attention_and_released_as_a_replacement()
            throws Exception {
        try (MllpTestClient ehr = new MllpTestClient(hub.mllpPort())) {
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("N1").sendingFacility("MOONRISE").clm01("ACC700")
                    .payer("MEDICARE").charge("T7", "99213", null, "125.00", "J20.9").build()))).isEqualTo("AA");
            long original = await().atMost(WAIT).until(() -> single("SELECT MAX(id) FROM claim WHERE clinic_id ="
                    + " 'moonrise' AND clm01 = 'ACC700' AND status = 'DELIVERED'"), id -> id > 0);
            acceptWithPayerClaimNumber(original, "PCN-700");

            assertThat(MllpTestClient.code(ehr.send(Dft.charges("N2").sendingFacility("MOONRISE").clm01("ACC700")
                    .payer("MEDICARE").charge("T8", "36415", null, "15.00", "J20.9").build()))).isEqualTo("AA");
            await().atMost(WAIT).until(() -> single("SELECT COUNT(*) FROM encounter WHERE clinic_id = 'moonrise'"
                    + " AND encounter_key = 'ACC700' AND state = 'PARKED'"), n -> n == 1);

            ChromeDriver browser = Browser.start();
            try {
                FluentWait<WebDriver> wait = waitFor(browser);
                browser.get(base() + "/#/attention");
                logIn(browser);
                wait.until(b -> !b.findElements(By.cssSelector("#list-held tr[data-encounter='ACC700']")).isEmpty());
                browser.findElement(By.cssSelector("#list-held tr[data-encounter='ACC700']"))
                        .findElement(By.linkText("ACC700")).click();
                wait.until(b -> text(b, "#encounter-title").equals("ACC700 — Moonrise Clinic"));
                assertThat(text(browser, "#encounter-facts"))
                        .contains("State\nChanged after its claim was sent: held for a clerk");
                assertThat(lineState(browser, "T7")).isEqualTo("Billed on claim #" + original);
                assertThat(lineState(browser, "T8")).isEqualTo("Held for a clerk");

                browser.findElement(By.id("encounter-release")).click();
                wait.until(b -> b.findElement(By.id("confirm")).isDisplayed());
                browser.findElement(By.id("confirm-ok")).click();
                wait.withTimeout(WAIT).until(b -> "BILLED".equals(b.findElement(By.id("encounter-facts"))
                        .getDomAttribute("data-state")));
                long replacement = single("SELECT MAX(id) FROM claim WHERE clinic_id = 'moonrise' AND clm01 = 'ACC700'");
                assertThat(replacement).isGreaterThan(original);
                assertThat(single("SELECT COUNT(*) FROM claim WHERE id = " + replacement + " AND frequency = '7'"
                        + " AND original_payer_claim_number = 'PCN-700'")).isEqualTo(1);
                assertThat(lineState(browser, "T7")).isEqualTo("Sent as replacement claim #" + replacement);
                assertThat(lineState(browser, "T8")).isEqualTo("Sent as replacement claim #" + replacement);
                assertThat(text(browser, "#encounter-facts")).contains("Claims\n#" + original + ", #" + replacement
                        + " (replacement)");
            } finally {
                browser.quit();
            }
        }
    }

    /** The payer's 277CA accepted the claim and gave it its claim number. */
    private static void acceptWithPayerClaimNumber(long claimId, String payerClaimNumber) {
        ReplyLedger replies = new ReplyLedger(ledgerData, Clock.systemUTC());
        long file = replies.register("medicare", "277-" + claimId, "r.277", "r.277").fileId();
        replies.apply(claimId, file, "r.277", new ReplyLedger.ClaimReply("277CA", "1", ClaimStatus.ACCEPTED,
                payerClaimNumber, null, null, null, null, null, null, null, null));
    }

    private static String lineState(WebDriver browser, String transactionId) {
        List<String> cells = lineCells(browser, transactionId);
        return cells.get(cells.size() - 1);
    }

    private static List<String> lineCells(WebDriver browser, String transactionId) {
        return browser.findElement(By.cssSelector("#encounter-lines tr[data-line='" + transactionId + "']"))
                .findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** The page re-renders on auto-refresh: an element found a moment ago may be replaced, so look again. */
    private static FluentWait<WebDriver> waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    }

    private static void logIn(ChromeDriver browser) {
        browser.findElement(By.id("user")).sendKeys("carla");
        browser.findElement(By.id("password")).sendKeys("carla-secret-2");
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static String base() {
        return "http://127.0.0.1:" + hub.httpPort();
    }

    private static long count(String sql) throws Exception {
        return single(sql);
    }

    /** The first column of the first row, 0 when it is null. */
    private static long single(String sql) throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
