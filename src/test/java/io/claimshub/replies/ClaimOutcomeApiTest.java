package io.claimshub.replies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.claimshub.api.ApiUser;
import io.claimshub.api.ClaimsApi;
import io.claimshub.api.RepliesApi;
import io.claimshub.api.Role;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ClaimQueries;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static io.claimshub.replies.ReplyHub.claim;
import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a clerk sees of a claim's outcome through {@code GET /api/claims/{id}} (the {@link ClaimsApi} call
 * behind it, serialised as the API does): amounts per claim and per line, adjustments and remarks in
 * words, the payer claim number, the 277CA result and the clinic's remittance with its PLB lines.
 */
class ClaimOutcomeApiTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_denied_claim_shows_why_in_words_with_its_amounts_lines_and_remittance(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "DEN1", "150"), claim("sunrise", "PAY1", "100")));
            hub.accept("acme", PayerRepliesTest.claimAck(ReplyHub.SUNRISE_NPI,
                    PayerRepliesTest.claimStatus("DEN1", comp("A2", "20"), "PCN-DEN1")), "ack.277");
            hub.accept("acme", PayerRepliesTest.remittance("CHK42", ReplyHub.SUNRISE_NPI,
                    PayerRepliesTest.clp("DEN1", "4", "150", "0", "0", seg("CAS", "CO", "29", "150"),
                            seg("MOA", "", "", "N30"),
                            seg("SVC", comp("HC", "99213"), "150", "0"), seg("CAS", "CO", "29", "150"),
                            seg("REF", "6R", "DEN1-1"), seg("AMT", "B6", "0"), seg("LQ", "HE", "M86")),
                    PayerRepliesTest.clp("PAY1", "1", "100", "70", "20", seg("CAS", "CO", "45", "10"),
                            seg("CAS", "PR", "2", "20"))), "era.835");

            JsonNode denied = detail(hub, hub.claim("sunrise", "DEN1").id());
            JsonNode paid = detail(hub, hub.claim("sunrise", "PAY1").id());

            assertThat(denied.get("status").asText()).isEqualTo("denied");
            assertThat(denied.get("reasons")).as("the denial in words, not []").isNotEmpty();
            assertThat(denied.get("reasons").toString()).contains("CO-29").contains("Filing time limit has passed");
            JsonNode payment = denied.get("payment");
            assertThat(payment.get("claimStatusCode").asText()).isEqualTo("4");
            assertThat(payment.get("payerClaimNumber").asText()).isEqualTo("PCN-DEN1");
            assertThat(payment.get("billed").decimalValue()).isEqualByComparingTo("150");
            assertThat(payment.get("paid").decimalValue()).isEqualByComparingTo("0");
            assertThat(payment.get("adjustments").get(0).get("group").asText()).isEqualTo("CO");
            assertThat(payment.get("adjustments").get(0).get("code").asText()).isEqualTo("29");
            assertThat(payment.get("adjustments").get(0).get("text").asText()).isEqualTo("Filing time limit has passed");
            assertThat(payment.get("remarks").get(0).get("code").asText()).isEqualTo("N30");
            assertThat(payment.get("remarks").get(0).get("text").asText()).doesNotContain("not in the hub's code table");
            JsonNode line = payment.get("lines").get(0);
            assertThat(line.get("lineControlNumber").asText()).isEqualTo("DEN1-1");
            assertThat(line.get("allowed").decimalValue()).isEqualByComparingTo("0");
            assertThat(line.get("remarks").get(0).get("code").asText()).isEqualTo("M86");
            assertThat(denied.get("acknowledgement").get("status").asText()).isEqualTo("accepted");
            JsonNode remittance = payment.get("remittance");
            assertThat(remittance.get("checkOrEftNumber").asText()).isEqualTo("CHK42");
            assertThat(remittance.get("paymentDate").asText()).isEqualTo("2026-11-20");
            assertThat(remittance.get("amount").decimalValue()).as("70 paid − PLB 10").isEqualByComparingTo("60");
            assertThat(remittance.get("providerAdjustments").get(0).get("reasonCode").asText()).isEqualTo("WO");
            assertThat(remittance.get("providerAdjustments").get(0).get("reference").asText()).isEqualTo("X1");
            assertThat(remittance.get("providerAdjustments").get(0).get("amount").decimalValue()).isEqualByComparingTo("10");

            assertThat(paid.get("status").asText()).isEqualTo("paid");
            assertThat(paid.get("payment").get("allowed").decimalValue()).as("billed − CO").isEqualByComparingTo("90");
            assertThat(paid.get("payment").get("patientResponsibility").decimalValue()).isEqualByComparingTo("20");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_clinics_remittances_list_its_share_of_each_payment_with_its_plb_lines(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "S1", "100")), List.of(claim("moonlight", "M1", "50")));
            hub.accept("acme", PayerRepliesTest.remittance("CHK51", ReplyHub.SUNRISE_NPI,
                    PayerRepliesTest.clp("S1", "1", "100", "100", "0"), PayerRepliesTest.clp("M1", "1", "50", "40", "0",
                            seg("CAS", "CO", "45", "10"))), "era.835");

            Clock clock = Clock.systemUTC();
            RepliesApi api = new RepliesApi(hub.replies, hub.payerReplies, null, new AuditLog(hub.database.dataSource(), clock),
                    hub.partners);
            JsonNode sunrise = JSON.readTree(JSON.writeValueAsBytes(api.remittances(new ApiUser("rita", Role.READER), "sunrise")));
            JsonNode moonlight = JSON.readTree(JSON.writeValueAsBytes(api.remittances(new ApiUser("rita", Role.READER), "moonlight")));

            assertThat(sunrise).hasSize(1);
            assertThat(sunrise.get(0).get("checkNumber").asText()).isEqualTo("CHK51");
            assertThat(sunrise.get(0).get("paymentDate").asText()).isEqualTo("20261120");
            assertThat(sunrise.get(0).get("amount").decimalValue()).as("100 paid − PLB 10").isEqualByComparingTo("90");
            assertThat(sunrise.get(0).get("adjustments").get(0).get("reasonCode").asText()).isEqualTo("WO");
            assertThat(sunrise.get(0).get("adjustments").get(0).get("reference").asText()).isEqualTo("X1");
            assertThat(moonlight.get(0).get("amount").decimalValue()).isEqualByComparingTo("40");
            assertThat(moonlight.get(0).get("adjustments")).isEmpty();
        }
    }

    private static JsonNode detail(ReplyHub hub, long claimId) throws Exception {
        Clock clock = Clock.systemUTC();
        ClaimsApi api = new ClaimsApi(new ClaimQueries(hub.database.dataSource(), clock),
                new AuditLog(hub.database.dataSource(), clock), hub.partners, null, null, hub.replies);
        return JSON.readTree(JSON.writeValueAsBytes(api.detail(new ApiUser("rita", Role.READER), claimId)));
    }
}
