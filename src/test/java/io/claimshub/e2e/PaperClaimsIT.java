package io.claimshub.e2e;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.LogCapture;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.api.SecretHash;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.paper.PdfItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.claimshub.testing.Fixtures.drop;
import static io.claimshub.testing.Fixtures.files;
import static io.claimshub.paper.Cms1500Item.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A payer with {@code delivery.type: paper} end to end through the running hub: claims for it become
 * one owner-only CMS-1500 PDF in its folder (one page per claim), PRINTED in the ledger and shown as
 * such by the API, with a printed-count log line, while an electronic payer's claims still become an
 * 837; a paper claim then waits for an 835 or a payment entered through the API.
 */
class PaperClaimsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    @Test
    void paper_claims_are_printed_recorded_shown_and_then_paid_by_hand_or_by_835() throws Exception {
        Path inbox = workDir.resolve("data/clinics/sunrise/inbox");
        Path paper = workDir.resolve("data/paper/autoins");
        Path acme = workDir.resolve("data/payers/acme/inbound");
        LogCapture log = new LogCapture();
        HubHarness hub = new HubHarness(workDir).withConfig("e2e-paper/config");
        Files.writeString(workDir.resolve("config/api-users.properties"), String.join("\n",
                "user.rita = reader " + SecretHash.create("rita-secret-1"),
                "user.otto = operator " + SecretHash.create("otto-secret-2"),
                "user.ada = admin " + SecretHash.create("ada-secret-3"), ""));
        try (hub) {
            hub.start();
            Files.createDirectories(inbox);
            drop(inbox, "visits.hl7", Dft.message().controlId("M1").clm01("P1").payer("AUTOINS").build()
                    + Dft.message().controlId("M2").clm01("P2").payer("AUTOINS").firstLineCharge("120.00").build()
                    + Dft.message().controlId("M3").clm01("E1").payer("ACME").build());

            await().atMost(WAIT).until(() -> files(paper).size() == 1 && files(acme).size() == 1);
            Path pdf = files(paper).get(0);
            assertThat(pdf.getFileName().toString()).matches("autoins-\\d{8}T\\d{6}Z-000000001\\.pdf");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pdf))).isEqualTo("rw-------");
            try (PdfItems items = PdfItems.read(pdf)) {
                assertThat(items.pages()).as("one page per claim").isEqualTo(2);
                assertThat(List.of(items.item(0, ITEM_26_PATIENT_ACCOUNT), items.item(1, ITEM_26_PATIENT_ACCOUNT)))
                        .containsExactly("P1", "P2");
                assertThat(items.item(0, ITEM_24D_PROCEDURE, 0)).isEqualTo("99213");
                assertThat(items.item(0, ITEM_24D_PROCEDURE, 1)).isEqualTo("71046");
                assertThat(items.item(1, ITEM_28_TOTAL_CHARGE)).isEqualTo("200 00");
                assertThat(items.item(0, CARRIER_NAME)).isEqualTo("PRAIRIE AUTO INSURANCE");
                assertThat(items.item(0, ITEM_1_OTHER)).as("filing indicator AM").isEqualTo("X");
            }
            await().atMost(WAIT).until(() -> log.text().contains("paper batch printed"));
            assertThat(log.text()).contains("paper batch printed payer=autoins file=" + pdf.getFileName()
                    + " claims=2 pages=2 mode=form");

            Ledgers ledger = Ledgers.of(hub);
            long p1 = ledger.queries().findByClm01("sunrise", "P1").get(0).id();
            long p2 = ledger.queries().findByClm01("sunrise", "P2").get(0).id();
            assertThat(ledger.queries().history(p1)).extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.PRINTED);
            assertThat(ledger.queries().findByClm01("sunrise", "E1").get(0).status()).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(ledger.batches().unfinishedBatches()).isEmpty();

            JsonNode detail = JSON.readTree(request(hub, "GET", "/api/claims/" + p1, null, "rita", "rita-secret-1").body());
            assertThat(detail.get("status").asText()).isEqualTo("printed");
            assertThat(detail.get("files").get(0).get("fileName").asText()).isEqualTo(pdf.getFileName().toString());
            assertThat(detail.get("files").get(0).get("batchStatus").asText()).isEqualTo("printed");

            String payment = "{\"amount\": \"85.00\", \"paidOn\": \"2026-11-02\", \"checkNumber\": \"10045\"}";
            assertThat(request(hub, "POST", "/api/claims/" + p1 + "/payments", payment, "rita", "rita-secret-1")
                    .statusCode()).as("a reader cannot enter payments").isEqualTo(403);
            HttpResponse<String> bad = request(hub, "POST", "/api/claims/" + p1 + "/payments",
                    "{\"amount\": \"85.005\", \"paidOn\": \"2026-11-02\"}", "otto", "otto-secret-2");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("'amount' 85.005 has more than 2 decimals");
            HttpResponse<String> entered = request(hub, "POST", "/api/claims/" + p1 + "/payments", payment, "otto",
                    "otto-secret-2");
            assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
            JsonNode recorded = JSON.readTree(entered.body());
            assertThat(recorded.get("status").asText()).isEqualTo("partially paid");
            assertThat(recorded.get("paidSoFar").decimalValue()).isEqualByComparingTo("85.00");
            assertThat(ledger.queries().claim(p1).orElseThrow().status()).isEqualTo(ClaimStatus.PARTIALLY_PAID);

            HttpResponse<String> remit = request(hub, "POST", "/api/payers/autoins/replies", remittance("P2", "200", "200"),
                    "otto", "otto-secret-2");
            assertThat(remit.statusCode()).as(remit.body()).isEqualTo(200);
            assertThat(ledger.queries().claim(p2).orElseThrow().status()).isEqualTo(ClaimStatus.PAID);

            JsonNode audit = JSON.readTree(request(hub, "GET", "/api/audit?claimId=" + p1, null, "ada", "ada-secret-3").body());
            assertThat(audit.get("items")).anySatisfy(entry -> {
                assertThat(entry.get("action").asText()).isEqualTo("record-payment");
                assertThat(entry.get("user").asText()).isEqualTo("otto");
                assertThat(entry.get("outcome").asText()).isEqualTo("partially paid");
            });
        } finally {
            log.close();
        }
    }

    /** A one-claim 835 from the paper payer, paying the claim: what a payer that remits electronically sends. */
    private static String remittance(String clm01, String charge, String paid) {
        return "ISA*00*          *00*          *ZZ*AUTOINS        *ZZ*SUNRISEHUB     *261102*1200*^*00501*000000071*0*P*:~"
                + "GS*HP*AUTOINS*SUNRISEHUB*20261102*1200*71*X*005010X221A1~"
                + "ST*835*0001~BPR*I*" + paid + "*C*CHK************20261102~TRN*1*CHK71*1999999999~DTM*405*20261102~"
                + "N1*PR*PRAIRIE AUTO INSURANCE~N3*PO BOX 1500~N4*DES MOINES*IA*50306~"
                + "N1*PE*SUNRISE FAMILY PRACTICE*XX*1234567893~N3*100 MAIN ST~N4*SPRINGFIELD*IL*627011234~"
                + "LX*1~CLP*" + clm01 + "*1*" + charge + "*" + paid + "**AM*PAYERCLAIM71~"
                + "NM1*QC*1*DOE*JANE****MI*W123~"
                + "SE*14*0001~GE*1*71~IEA*1*000000071~";
    }

    private static HttpResponse<String> request(HubHarness hub, String method, String path, String body, String user,
                                                String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
