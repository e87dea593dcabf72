package io.claimshub.api;

import io.claimshub.ledger.IntakeLedger;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static io.claimshub.testing.Fixtures.drop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's endpoints over real HTTP against the running hub: GET /api/worklist (the "Needs
 * attention" lists), GET /api/unreadable-inputs and GET /api/deliveries/{fileName}, with roles and
 * clinic limits as for the rest of the API, and the audit row each look leaves.
 */
class WorklistApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DEAD_FILE = "payer-x-20261101T100000Z-000000043.837";

    private static HubHarness hub;
    private static JdbcDataSource ledgerData;
    private static long deniedClaimId;
    private static Path inbox;

    @BeforeAll
    static void startHubWithWork() throws Exception {
        Path workDir = Files.createTempDirectory("worklist-api-it");
        hub = new HubHarness(workDir).withConfig("e2e/config");
        Files.writeString(workDir.resolve("config/api-users.properties"), String.join("\n",
                "user.rita = reader " + SecretHash.create("rita-secret-1"),
                "user.sam = reader " + SecretHash.create("sam-secret-5") + " clinics=sunrise", ""));
        hub.start();
        ledgerData = new JdbcDataSource();
        ledgerData.setURL("jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0");
        ledgerData.setUser("sa");
        ledgerData.setPassword("");

        inbox = Files.createDirectories(workDir.resolve("data/clinics/sunrise/inbox"));
        drop(inbox, "visit-bad-npi.hl7", Dft.message().controlId("W1").clm01("ACC-W1").renderingNpi("1234567890").build());
        drop(inbox, "not-hl7.hl7", "this is not an HL7 message\r");
        drop(inbox, "bad-claim.json", "{\"noSuchField\": 1}\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM claim") == 1
                && count("SELECT COUNT(*) FROM rejected_input") == 1 && setAsideReasons(inbox) == 1);
        deniedClaimId = seededClaim("DEN-1", "DENIED", "835 CLP DEN-1 in remit-7.835: denied\n"
                + "CO-29: The time limit for filing has expired");
        long deadClaimId = seededClaim("DEAD-1", "DEAD", "SFTP upload refused: permission denied");
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO batch (payer_id, file_name, interchange_control_number, created_at, status,"
                    + " claim_count) VALUES ('payer-x', '" + DEAD_FILE + "', 43, TIMESTAMP '2026-11-01 10:00:00', 'dead', 1)");
            statement.execute("UPDATE claim SET batch_id = (SELECT id FROM batch WHERE file_name = '" + DEAD_FILE
                    + "') WHERE id = " + deadClaimId);
            statement.execute("INSERT INTO delivery (batch_id, payer_id, file_name, status, attempts, next_attempt_at,"
                    + " last_error, updated_at) VALUES ((SELECT id FROM batch WHERE file_name = '" + DEAD_FILE + "'),"
                    + " 'payer-x', '" + DEAD_FILE + "', 'DEAD', 8, TIMESTAMP '2026-11-01 11:00:00',"
                    + " 'SFTP upload refused: permission denied', TIMESTAMP '2026-11-01 11:00:00')");
        }
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void every_new_endpoint_answers_401_without_credentials() throws Exception {
        for (String path : List.of("/api/worklist", "/api/unreadable-inputs", "/api/deliveries/" + DEAD_FILE)) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("DOE", "ACC-W1");
        }
    }

    @Test
    void the_worklist_has_each_list_with_patient_account_date_of_service_payer_amount_reason_and_next_action()
            throws Exception {
        JsonNode answer = ok("/api/worklist", "rita", "rita-secret-1");

        assertThat(keys(answer)).containsExactly("hub-rejected", "payer-rejected", "denied", "dead", "unreadable",
                "unmatched", "held");
        JsonNode denied = list(answer, "denied");
        assertThat(denied.get("total").asLong()).isEqualTo(1);
        JsonNode row = denied.get("items").get(0);
        assertThat(row.get("claimId").asLong()).isEqualTo(deniedClaimId);
        assertThat(row.get("patient").asText()).isEqualTo("DOE, JANE");
        assertThat(row.get("account").asText()).isEqualTo("DEN-1");
        assertThat(row.get("dateOfService").asText()).isEqualTo("2026-10-20");
        assertThat(row.get("payerId").asText()).isEqualTo("acme");
        assertThat(row.get("amount").decimalValue()).isEqualByComparingTo("205.00");
        assertThat(row.get("reason").asText()).isEqualTo("CO-29: The time limit for filing has expired");
        assertThat(row.get("nextAction").asText()).contains("resubmit a corrected claim");

        JsonNode rejected = list(answer, "hub-rejected").get("items").get(0);
        assertThat(rejected.get("account").asText()).isEqualTo("ACC-W1");
        assertThat(rejected.get("reason").asText()).startsWith("FT1 #1: ").containsIgnoringCase("NPI");
        assertThat(rejected.get("nextAction").asText()).contains("EHR");

        JsonNode dead = list(answer, "dead").get("items").get(0);
        assertThat(dead.get("fileName").asText()).isEqualTo(DEAD_FILE);
        assertThat(dead.get("reason").asText()).isEqualTo("SFTP upload refused: permission denied");

        JsonNode unreadable = list(answer, "unreadable");
        assertThat(unreadable.get("total").asLong()).isEqualTo(2);
        assertThat(unreadable.get("items").findValuesAsText("fileName")).containsExactlyInAnyOrder("not-hl7.hl7",
                "bad-claim.json");

        assertThat(answer.get("clinics").get(0).get("id").asText()).isEqualTo("sunrise");
        assertThat(answer.get("payers").findValuesAsText("id")).contains("acme", "medicare");
    }

    @Test
    void one_list_pages_and_filters_by_payer_and_an_unknown_list_or_parameter_is_400() throws Exception {
        JsonNode denied = ok("/api/worklist?list=denied&payer=medicare", "rita", "rita-secret-1");
        assertThat(keys(denied)).containsExactly("denied");
        assertThat(list(denied, "denied").get("total").asLong()).isZero();
        JsonNode secondPage = ok("/api/worklist?list=denied&offset=1", "rita", "rita-secret-1");
        assertThat(list(secondPage, "denied").get("total").asLong()).isEqualTo(1);
        assertThat(list(secondPage, "denied").get("items")).isEmpty();

        HttpResponse<String> unknownList = get("/api/worklist?list=everything", basic("rita", "rita-secret-1"));
        assertThat(unknownList.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownList.body()).get("error").asText()).contains("unknown list 'everything'");
        assertThat(get("/api/worklist?sort=name", basic("rita", "rita-secret-1")).statusCode()).isEqualTo(400);
        assertThat(get("/api/unreadable-inputs?payer=acme", basic("rita", "rita-secret-1")).statusCode()).isEqualTo(400);
    }

    @Test
    void a_user_limited_to_some_clinics_gets_403_for_another_clinic_and_no_cross_clinic_lists() throws Exception {
        HttpResponse<String> other = get("/api/worklist?clinic=northside", basic("sam", "sam-secret-5"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(get("/api/unreadable-inputs?clinic=northside", basic("sam", "sam-secret-5")).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/deliveries/" + DEAD_FILE, basic("sam", "sam-secret-5")).statusCode()).isEqualTo(403);

        JsonNode own = ok("/api/worklist", "sam", "sam-secret-5");
        assertThat(list(own, "denied").get("total").asLong()).isEqualTo(1);
        assertThat(list(own, "unmatched").get("total").isNull()).isTrue();
    }

    @Test
    void unreadable_inputs_are_listed_with_file_name_and_reasons() throws Exception {
        JsonNode page = ok("/api/unreadable-inputs", "rita", "rita-secret-1");

        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode file = item(page, "not-hl7.hl7");
        assertThat(file.get("clinicId").asText()).isEqualTo("sunrise");
        assertThat(file.get("kind").asText()).isEqualTo("file");
        assertThat(file.get("reason").asText()).isEqualTo(Files.readString(reasonFile()).strip());
        JsonNode message = item(page, "bad-claim.json");
        assertThat(message.get("kind").asText()).isEqualTo("message");
        assertThat(message.get("messageNumber").asInt()).isEqualTo(1);
        assertThat(message.get("reason").asText()).contains("noSuchField");
        JsonNode onePage = ok("/api/unreadable-inputs?limit=1&offset=1", "rita", "rita-secret-1");
        assertThat(onePage.get("total").asLong()).isEqualTo(2);
        assertThat(onePage.get("items")).hasSize(1);
    }

    @Test
    void the_delivery_state_of_a_file_says_dead_with_its_last_error_and_an_unknown_file_is_404() throws Exception {
        JsonNode state = ok("/api/deliveries/" + DEAD_FILE, "rita", "rita-secret-1");

        assertThat(state.get("status").asText()).isEqualTo("dead");
        assertThat(state.get("attempts").asInt()).isEqualTo(8);
        assertThat(state.get("lastError").asText()).isEqualTo("SFTP upload refused: permission denied");
        assertThat(get("/api/deliveries/no-such.837", basic("rita", "rita-secret-1")).statusCode()).isEqualTo(404);
    }

    @Test
    void each_look_at_the_worklist_is_audited_with_counts_and_no_patient_data() throws Exception {
        ok("/api/worklist?list=denied", "rita", "rita-secret-1");

        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT api_user, outcome FROM api_audit"
                     + " WHERE action = 'view-worklist' AND target = 'list=denied' ORDER BY id DESC")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("rita");
            assertThat(row.getString(2)).isEqualTo("denied=1").doesNotContain("DOE");
        }
    }

    @Test
    void the_claims_paid_in_a_remittance_are_listed_for_its_clinic_and_refused_for_another() throws Exception {
        long replyFile;
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO reply_file (payer_id, content_hash, stored_name, status, received_at)"
                    + " VALUES ('acme', 'hash-remit-7', 'acme/remit-7.835', 'processed', TIMESTAMP '2026-11-21 11:00:00')");
            replyFile = count("SELECT id FROM reply_file WHERE content_hash = 'hash-remit-7'");
            statement.execute("INSERT INTO claim_reply (claim_id, reply_file_id, kind, control_numbers, reply_status,"
                    + " applied, charge, paid, patient_responsibility, check_number, received_at) VALUES (" + deniedClaimId
                    + ", " + replyFile + ", '835', 'CLP DEN-1', 'DENIED', TRUE, 205.00, 0.00, 0.00, 'CHK42',"
                    + " TIMESTAMP '2026-11-21 11:00:00')");
        }

        JsonNode claims = JSON.readTree(get("/api/clinics/sunrise/remittances/" + replyFile + "/claims?check=CHK42",
                basic("sam", "sam-secret-5")).body());
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).get("claimId").asLong()).isEqualTo(deniedClaimId);
        assertThat(claims.get(0).get("patient").asText()).isEqualTo("DOE, JANE");
        assertThat(claims.get(0).get("account").asText()).isEqualTo("DEN-1");
        assertThat(claims.get(0).get("status").asText()).isEqualTo("denied");
        assertThat(claims.get(0).get("billed").decimalValue()).isEqualByComparingTo("205.00");
        assertThat(claims.get(0).get("paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(JSON.readTree(get("/api/clinics/sunrise/remittances/" + replyFile + "/claims?check=OTHER",
                basic("rita", "rita-secret-1")).body())).isEmpty();

        assertThat(get("/api/clinics/sunrise/remittances/" + replyFile + "/claims?check=CHK42", null).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/clinics/northside/remittances/" + replyFile + "/claims?check=CHK42",
                basic("sam", "sam-secret-5")).statusCode()).isEqualTo(403);
        assertThat(get("/api/clinics/sunrise/remittances/" + replyFile + "/claims", basic("rita", "rita-secret-1"))
                .statusCode()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM api_audit WHERE api_user = 'sam' AND action = 'list-remittance-claims'"
                + " AND outcome = '1 listed'")).isEqualTo(1);
    }

    @Test
    void a_visit_parked_for_review_is_listed_with_its_open_charges_until_released() throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            String header = Files.readString(Path.of("examples/claim.json")).replace("'", "''");
            statement.execute("INSERT INTO encounter (clinic_id, encounter_key, state, release_at, header, claim_count,"
                    + " detail, created_at, updated_at) VALUES ('sunrise', 'VISIT-9', 'PARKED', NULL, '" + header + "', 1,"
                    + " 'changed after claim 12 was sent', TIMESTAMP '2026-11-02 09:00:00', TIMESTAMP '2026-11-02 09:00:00')");
            statement.execute("INSERT INTO encounter (clinic_id, encounter_key, state, release_at, header, claim_count,"
                    + " created_at, updated_at) VALUES ('sunrise', 'VISIT-10', 'HELD', TIMESTAMP '2099-01-01 00:00:00', '"
                    + header + "', 0, TIMESTAMP '2026-11-02 09:00:00', TIMESTAMP '2026-11-02 09:00:00')");
            statement.execute("INSERT INTO charge (encounter_id, clinic_id, encounter_key, kind, ft1, procedure_code,"
                    + " service_date, amount, credited, state, received_at) SELECT id, 'sunrise', 'VISIT-9', 'CHARGE', '1',"
                    + " '99213', DATE '2026-10-28', 125.00, 25.00, 'HELD', TIMESTAMP '2026-11-02 09:00:00'"
                    + " FROM encounter WHERE encounter_key = 'VISIT-9'");
        }

        JsonNode held = list(ok("/api/worklist?list=held", "rita", "rita-secret-1"), "held");

        assertThat(held.get("total").asLong()).as("a visit still within its hold is not listed").isEqualTo(1);
        JsonNode row = held.get("items").get(0);
        assertThat(row.get("claimId").isNull()).isTrue();
        assertThat(row.get("account").asText()).isEqualTo("VISIT-9");
        assertThat(row.get("patient").asText()).isEqualTo("DOE, JANE");
        assertThat(row.get("dateOfService").asText()).isEqualTo("2026-10-28");
        assertThat(row.get("payerId").asText()).isEqualTo("ACME HEALTH PLAN");
        assertThat(row.get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(row.get("reason").asText()).isEqualTo("Held for review: changed after claim 12 was sent");
        assertThat(row.get("nextAction").asText()).contains("release");
    }

    /** A claim as the reply or delivery flow leaves it: in the status, with the event that put it there. */
    private static long seededClaim(String clm01, String status, String detail) throws Exception {
        IntakeLedger ledger = new IntakeLedger(ledgerData, Clock.fixed(Instant.parse("2026-11-01T09:00:00Z"), ZoneOffset.UTC));
        String payload = Files.readString(Path.of("examples/claim.json")).replace("\"ACC20001", "\"" + clm01);
        long claimId = ledger.recordClaim(new IncomingClaim("sunrise", clm01, "1", null, "acme",
                new BigDecimal("205.00"), payload, "hash-" + clm01, new Source("file", clm01 + ".json", null), List.of()))
                .claimId();
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE claim SET status = '" + status + "' WHERE id = " + claimId);
            statement.execute("INSERT INTO claim_event (claim_id, at, status, detail) VALUES (" + claimId
                    + ", TIMESTAMP '2026-11-21 11:00:00', '" + status + "', '" + detail + "')");
        }
        return claimId;
    }

    private static JsonNode item(JsonNode page, String fileName) {
        for (JsonNode item : page.get("items")) {
            if (item.get("fileName").asText().equals(fileName)) {
                return item;
            }
        }
        throw new AssertionError("no " + fileName + " in " + page);
    }

    private static Path reasonFile() throws Exception {
        try (var files = Files.list(inbox.resolve(".error"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".reason.txt")).findFirst().orElseThrow();
        }
    }

    private static long setAsideReasons(Path inbox) throws Exception {
        if (!Files.isDirectory(inbox.resolve(".error"))) {
            return 0;
        }
        try (var files = Files.list(inbox.resolve(".error"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".reason.txt")).count();
        }
    }

    private static List<String> keys(JsonNode worklists) {
        return worklists.get("lists").findValuesAsText("key");
    }

    private static JsonNode list(JsonNode worklists, String key) {
        for (JsonNode list : worklists.get("lists")) {
            if (list.get("key").asText().equals(key)) {
                return list;
            }
        }
        throw new AssertionError("no list " + key + " in " + worklists);
    }

    private static JsonNode ok(String path, String user, String password) throws Exception {
        HttpResponse<String> response = get(path, basic(user, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
