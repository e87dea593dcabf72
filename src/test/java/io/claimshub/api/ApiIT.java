package io.claimshub.api;

import io.claimshub.ledger.IntakeLedger;
import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.claimshub.claim.Reason;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API over real HTTP against the running hub: credentials and roles, search, claim detail,
 * resubmission, dead letters and redelivery, the audit log and the OpenAPI document.
 */
class ApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String READER_KEY = "rk-" + "Zq8v1mXc3LpT0aQe";

    private static Path workDir;
    private static HubHarness hub;
    private static JdbcDataSource ledgerData;

    @BeforeAll
    static void startHub() throws Exception {
        workDir = Files.createTempDirectory("api-it");
        hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.retention.payload-days", "30")
                .withProperty("claimshub.retention.every", "200")
                .withProperty("claimshub.retention.first-delay", "200");
        Files.writeString(workDir.resolve("config/api-users.properties"), String.join("\n",
                "user.rita = reader " + SecretHash.create("rita-secret-1"),
                "user.otto = operator " + SecretHash.create("otto-secret-2"),
                "user.ada = admin " + SecretHash.create("ada-secret-3"),
                "key.report-bot = reader " + SecretHash.create(READER_KEY), ""));
        hub.start();
        ledgerData = new JdbcDataSource();
        ledgerData.setURL("jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0");
        ledgerData.setUser("sa");
        ledgerData.setPassword("");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    // --- credentials and roles ---------------------------------------------------------------

    @Test
    void a_request_without_credentials_is_answered_401_with_a_basic_challenge() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/claims")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic realm=\"claims-hub\""));
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("credentials required");
    }

    @Test
    void a_wrong_password_an_unknown_user_or_a_wrong_key_is_answered_401() throws Exception {
        assertThat(get("/api/claims", basic("rita", "wrong")).statusCode()).isEqualTo(401);
        assertThat(get("/api/claims", basic("nobody", "rita-secret-1")).statusCode()).isEqualTo(401);
        assertThat(get("/api/claims", "X-API-Key", "not-a-key").statusCode()).isEqualTo(401);
        assertThat(get("/openapi.json").statusCode()).isEqualTo(401);
    }

    @Test
    void a_valid_api_key_or_basic_login_is_let_in_and_the_credentials_are_not_echoed() throws Exception {
        HttpResponse<String> byKey = get("/api/claims", "X-API-Key", READER_KEY);
        HttpResponse<String> byLogin = get("/api/claims", basic("rita", "rita-secret-1"));

        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(byLogin.statusCode()).isEqualTo(200);
        assertThat(byLogin.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("Authorization"));
        assertThat(byKey.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-API-Key"));
        assertThat(byLogin.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void a_reader_cannot_act_and_an_operator_cannot_read_the_audit_log_403() throws Exception {
        HttpResponse<String> resubmit = post("/api/clinics/sunrise/claims", claimJson("ACC-R403"),
                basic("rita", "rita-secret-1"));
        HttpResponse<String> redeliver = post("/api/dead-letters/x.837/redeliver", "", "X-API-Key", READER_KEY);
        HttpResponse<String> audit = get("/api/audit", basic("otto", "otto-secret-2"));

        assertThat(resubmit.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(resubmit.body()).get("error").asText()).contains("role reader").contains("operator");
        assertThat(redeliver.statusCode()).isEqualTo(403);
        assertThat(audit.statusCode()).isEqualTo(403);
        assertThat(search("clm01=ACC-R403").get("total").asInt()).isZero();
    }

    // --- search ------------------------------------------------------------------------------

    @Test
    void search_filters_by_clinic_payer_status_received_dates_and_clm01_and_pages_with_a_total() throws Exception {
        seed("north", "S-1", "payer-x", "2026-01-10T09:00:00Z", List.of());
        seed("north", "S-2", "payer-x", "2026-01-20T09:00:00Z", List.of(new Reason("claim", "X", "bad")));
        seed("north", "S-3", "payer-y", "2026-02-05T09:00:00Z", List.of());
        seed("south", "S-4", "payer-x", "2026-01-15T09:00:00Z", List.of());

        assertThat(clm01s(search("clinic=north"))).containsExactly("S-3", "S-2", "S-1");
        assertThat(clm01s(search("clinic=north&payer=payer-x"))).containsExactly("S-2", "S-1");
        assertThat(clm01s(search("clinic=north&status=rejected"))).containsExactly("S-2");
        assertThat(clm01s(search("clinic=north&status=validated"))).containsExactly("S-3", "S-1");
        assertThat(clm01s(search("clinic=north&from=2026-01-11&to=2026-01-31"))).containsExactly("S-2");
        assertThat(clm01s(search("clinic=north&from=2026-01-20"))).containsExactly("S-3", "S-2");
        assertThat(clm01s(search("clinic=north&to=2026-01-10"))).containsExactly("S-1");
        assertThat(clm01s(search("clm01=S-4"))).containsExactly("S-4");

        JsonNode page2 = search("clinic=north&limit=2&offset=2");
        assertThat(page2.get("total").asInt()).isEqualTo(3);
        assertThat(page2.get("limit").asInt()).isEqualTo(2);
        assertThat(clm01s(page2)).containsExactly("S-1");
        assertThat(clm01s(search("clinic=north&limit=2"))).containsExactly("S-3", "S-2");
    }

    @Test
    void search_rows_carry_billing_fields_and_no_patient_data() throws Exception {
        seed("west", "W-1", "payer-x", "2026-03-01T09:00:00Z", List.of());

        JsonNode row = search("clinic=west").get("items").get(0);

        assertThat(row.get("clm01").asText()).isEqualTo("W-1");
        assertThat(row.get("totalCharge").decimalValue()).isEqualByComparingTo("205.00");
        assertThat(row.get("status").asText()).isEqualTo("validated");
        assertThat(row.toString()).doesNotContain("DOE", "JANE", "W123456789", "1980-02-15", "ELM ST");
    }

    @Test
    void search_answers_400_with_the_reason_for_an_unknown_parameter_status_or_date() throws Exception {
        HttpResponse<String> unknown = get("/api/claims?clinik=north", basic("rita", "rita-secret-1"));
        HttpResponse<String> status = get("/api/claims?status=lost", basic("rita", "rita-secret-1"));
        HttpResponse<String> date = get("/api/claims?from=01/02/2026", basic("rita", "rita-secret-1"));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown query parameter 'clinik'");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("unknown status 'lost'");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("'from' must be a date yyyy-mm-dd");
    }

    // --- summary -----------------------------------------------------------------------------

    @Test
    void the_summary_counts_claims_by_status_and_payer_as_the_api_shows_statuses() throws Exception {
        seed("summary", "SUM-1", "sum-payer-1", "2026-04-01T09:00:00Z", List.of());
        seed("summary", "SUM-2", "sum-payer-1", "2026-04-01T09:00:00Z", List.of());
        seed("summary", "SUM-3", "sum-payer-1", "2026-04-01T09:00:00Z", List.of(new Reason("claim", "X", "bad")));
        seed("summary", "SUM-4", "sum-payer-2", "2026-04-01T09:00:00Z", List.of(new Reason("claim", "X", "bad")));

        HttpResponse<String> response = get("/api/summary", basic("rita", "rita-secret-1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        JSON.readTree(response.body()).get("counts").forEach(row -> {
            if (row.get("payer").asText("").startsWith("sum-payer")) {
                rows.add(row.get("status").asText() + " " + row.get("payer").asText() + " " + row.get("count").asLong());
            }
        });
        assertThat(rows).containsExactly("rejected sum-payer-1 1", "rejected sum-payer-2 1", "validated sum-payer-1 2");
        assertThat(get("/api/summary?payer=x", basic("rita", "rita-secret-1")).statusCode()).isEqualTo(400);
        assertThat(get("/api/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void a_script_that_says_so_with_x_requested_with_gets_401_without_a_basic_challenge() throws Exception {
        HttpResponse<String> response = get("/api/summary", "X-Requested-With", "claims-hub-dashboard");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    // --- detail, resubmission ----------------------------------------------------------------

    @Test
    void a_corrected_claim_is_accepted_batched_and_its_detail_shows_history_file_and_payload() throws Exception {
        HttpResponse<String> first = post("/api/clinics/sunrise/claims", claimJson("ACC-D1"), basic("otto", "otto-secret-2"));
        HttpResponse<String> second = post("/api/clinics/sunrise/claims", claimJson("ACC-D2"), basic("otto", "otto-secret-2"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.get("outcome").asText()).isEqualTo("accepted");
        assertThat(answer.get("payerId").asText()).isEqualTo("acme");
        assertThat(answer.get("reasons")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        long claimId = answer.get("claimId").asLong();

        // acme batches two claims: both go out in one file and are delivered to the payer's folder.
        await().atMost(Duration.ofSeconds(20)).until(() -> detail(claimId).get("status").asText().equals("delivered"));
        JsonNode detail = detail(claimId);

        assertThat(detail.get("clm01").asText()).isEqualTo("ACC-D1");
        assertThat(detail.get("source").get("kind").asText()).isEqualTo("api");
        assertThat(detail.get("source").get("name").asText()).isEqualTo("api user otto");
        JsonNode file = detail.get("files").get(0);
        assertThat(file.get("fileName").asText()).startsWith("acme-").endsWith(".837");
        assertThat(file.get("isa13").asText()).matches("\\d{9}");
        assertThat(file.get("st02").asText()).matches("\\d{9}");
        assertThat(Files.exists(workDir.resolve("data/payers/acme/inbound").resolve(file.get("fileName").asText()))).isTrue();
        List<String> statuses = new ArrayList<>();
        detail.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        assertThat(statuses).containsExactly("validated", "queued", "delivered");
        assertThat(detail.get("history").get(1).get("detail").asText()).contains(file.get("fileName").asText());
        assertThat(detail.get("payload").get("patientControlNumber").asText()).isEqualTo("ACC-D1");
        assertThat(detail.get("payload").get("patient").get("lastName").asText()).isEqualTo("DOE");
        assertThat(detail.get("reasons")).isEmpty();
    }

    @Test
    void a_claim_that_fails_the_edits_is_answered_422_rejected_with_its_reasons_and_shown_with_them() throws Exception {
        ObjectNode claim = (ObjectNode) JSON.readTree(claimJson("ACC-BAD1"));
        ((ObjectNode) claim.get("lines").get(0).get("renderingProvider")).put("npi", "1234567890");

        HttpResponse<String> response = post("/api/clinics/sunrise/claims", claim.toString(), basic("otto", "otto-secret-2"));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("outcome").asText()).isEqualTo("rejected");
        assertThat(answer.get("reasons").get(0).get("code").asText()).isEqualTo("NPI_CHECK_DIGIT");
        JsonNode detail = detail(answer.get("claimId").asLong());
        assertThat(detail.get("status").asText()).isEqualTo("rejected");
        assertThat(detail.get("reasons").get(0).get("code").asText()).isEqualTo("NPI_CHECK_DIGIT");
        assertThat(detail.get("reasons").get(0).get("where").asText()).isEqualTo("FT1 #1");
    }

    @Test
    void a_claim_with_an_unknown_field_is_unreadable_and_a_body_that_is_not_an_object_is_400() throws Exception {
        ObjectNode claim = (ObjectNode) JSON.readTree(claimJson("ACC-BAD2"));
        claim.put("patientControlNumbr", "typo");

        HttpResponse<String> typo = post("/api/clinics/sunrise/claims", claim.toString(), basic("otto", "otto-secret-2"));
        HttpResponse<String> array = post("/api/clinics/sunrise/claims", "[]", basic("otto", "otto-secret-2"));
        HttpResponse<String> notJson = post("/api/clinics/sunrise/claims", "MSH|^~\\&|", basic("otto", "otto-secret-2"));
        HttpResponse<String> noClinic = post("/api/clinics/nowhere/claims", claimJson("ACC-BAD3"), basic("otto", "otto-secret-2"));

        assertThat(typo.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(typo.body()).get("outcome").asText()).isEqualTo("unreadable");
        assertThat(typo.body()).contains("patientControlNumbr");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noClinic.statusCode()).isEqualTo(404);
        assertThat(noClinic.body()).contains("no clinic 'nowhere'");
    }

    @Test
    void an_unknown_claim_is_404() throws Exception {
        HttpResponse<String> response = get("/api/claims/987654321", basic("rita", "rita-secret-1"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no claim with id 987654321");
    }

    @Test
    void the_retention_timer_removes_the_payload_of_an_old_finished_claim_and_the_detail_says_when() throws Exception {
        long old = seed("retention", "R-1", "payer-x", "2026-01-02T09:00:00Z", List.of(new Reason("claim", "X", "bad")));
        HttpResponse<String> recent = post("/api/clinics/sunrise/claims", claimJson("ACC-R2"), basic("otto", "otto-secret-2"));
        long recentId = JSON.readTree(recent.body()).get("claimId").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> detail(old).get("payload").isNull());
        JsonNode detail = detail(old);

        assertThat(detail.get("payloadPurgedAt").isNull()).isFalse();
        assertThat(detail.get("clm01").asText()).isEqualTo("R-1");
        assertThat(detail.get("totalCharge").decimalValue()).isEqualByComparingTo("205.00");
        assertThat(detail.get("reasons").get(0).get("code").asText()).isEqualTo("X");
        assertThat(detail.get("history").get(detail.get("history").size() - 1).get("detail").asText())
                .contains("patient data removed");
        assertThat(detail(recentId).get("payload").get("patient").get("lastName").asText()).isEqualTo("DOE");
    }

    // --- dead letters ------------------------------------------------------------------------

    @Test
    void a_dead_batch_is_listed_and_redelivery_puts_it_and_its_claims_back_to_queued() throws Exception {
        long claimId = seed("east", "E-1", "payer-x", "2026-03-01T09:00:00Z", List.of());
        deadBatch("payer-x-20260301T100000Z-000000077.837", 77, claimId, "SFTP upload refused: permission denied");

        JsonNode dead = JSON.readTree(get("/api/dead-letters", basic("rita", "rita-secret-1")).body());
        JsonNode listed = find(dead, "payer-x-20260301T100000Z-000000077.837");
        assertThat(listed.get("payerId").asText()).isEqualTo("payer-x");
        assertThat(listed.get("isa13").asText()).isEqualTo("000000077");
        assertThat(listed.get("claimCount").asInt()).isEqualTo(1);
        assertThat(listed.get("lastError").asText()).isEqualTo("SFTP upload refused: permission denied");

        HttpResponse<String> redeliver = post("/api/dead-letters/payer-x-20260301T100000Z-000000077.837/redeliver", "",
                basic("otto", "otto-secret-2"));

        assertThat(redeliver.statusCode()).as(redeliver.body()).isEqualTo(200);
        assertThat(JSON.readTree(redeliver.body()).get("claims").asInt()).isEqualTo(1);
        assertThat(batchStatus("payer-x-20260301T100000Z-000000077.837")).isEqualTo("queued");
        JsonNode detail = detail(claimId);
        assertThat(detail.get("status").asText()).isEqualTo("queued");
        assertThat(detail.get("history").get(detail.get("history").size() - 1).get("detail").asText())
                .contains("redelivery of file payer-x-20260301T100000Z-000000077.837 requested");
        assertThat(find(JSON.readTree(get("/api/dead-letters", basic("rita", "rita-secret-1")).body()),
                "payer-x-20260301T100000Z-000000077.837")).isNull();

        HttpResponse<String> again = post("/api/dead-letters/payer-x-20260301T100000Z-000000077.837/redeliver", "",
                basic("otto", "otto-secret-2"));
        HttpResponse<String> unknown = post("/api/dead-letters/none.837/redeliver", "", basic("otto", "otto-secret-2"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("is QUEUED, not DEAD");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    // --- replies ------------------------------------------------------------------------------

    @Test
    void a_reply_posted_by_an_operator_is_processed_and_one_that_matches_nothing_is_listed_as_unmatched() throws Exception {
        String ack = "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     *261101*1200*^*00501*000000091*0*T*:~"
                + "GS*FA*ACMEHP*SUNRISEHUB*20261101*1200*91*X*005010X231A1~ST*999*0001*005010X231A1~"
                + "AK1*HC*987654321*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~"
                + "SE*6*0001~GE*1*91~IEA*1*000000091~";

        HttpResponse<String> asReader = post("/api/payers/acme/replies", ack, "X-API-Key", READER_KEY);
        HttpResponse<String> posted = post("/api/payers/acme/replies", ack, basic("otto", "otto-secret-2"));
        HttpResponse<String> garbage = post("/api/payers/acme/replies", "not x12 at all", basic("otto", "otto-secret-2"));
        HttpResponse<String> nobody = post("/api/payers/nobody/replies", ack, basic("otto", "otto-secret-2"));

        assertThat(asReader.statusCode()).isEqualTo(403);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(JSON.readTree(posted.body()).get("unmatched").asInt()).isEqualTo(1);
        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(garbage.body()).get("error").asText()).contains("not X12");
        assertThat(nobody.statusCode()).isEqualTo(404);
        JsonNode unmatched = JSON.readTree(get("/api/unmatched-replies?payer=acme", basic("rita", "rita-secret-1")).body());
        assertThat(unmatched).anySatisfy(row -> {
            assertThat(row.get("kind").asText()).isEqualTo("999");
            assertThat(row.get("reference").asText()).contains("987654321");
        });
    }

    // --- audit -------------------------------------------------------------------------------

    @Test
    void viewing_a_claim_and_acting_on_claims_and_batches_is_audited_and_queryable_by_an_admin() throws Exception {
        long viewed = seed("audit", "A-1", "payer-x", "2026-03-02T09:00:00Z", List.of());
        detail(viewed);
        HttpResponse<String> resubmitted = post("/api/clinics/sunrise/claims", claimJson("ACC-A2"), basic("otto", "otto-secret-2"));
        long resubmittedId = JSON.readTree(resubmitted.body()).get("claimId").asLong();
        post("/api/dead-letters/none-audit.837/redeliver", "", basic("otto", "otto-secret-2"));
        get("/api/audit", basic("otto", "otto-secret-2"));

        JsonNode views = audit("claimId=" + viewed);
        assertThat(views.get("total").asInt()).isEqualTo(1);
        JsonNode view = views.get("items").get(0);
        assertThat(view.get("user").asText()).isEqualTo("rita");
        assertThat(view.get("role").asText()).isEqualTo("reader");
        assertThat(view.get("action").asText()).isEqualTo("view-claim");
        assertThat(view.get("target").asText()).isEqualTo("audit A-1");
        assertThat(Instant.parse(view.get("at").asText())).isAfter(Instant.now().minusSeconds(60));

        JsonNode resubmit = audit("claimId=" + resubmittedId).get("items").get(0);
        assertThat(resubmit.get("user").asText()).isEqualTo("otto");
        assertThat(resubmit.get("action").asText()).isEqualTo("resubmit-claim");
        assertThat(resubmit.get("outcome").asText()).isEqualTo("accepted");

        List<String> ottoActions = new ArrayList<>();
        audit("user=otto&limit=500").get("items").forEach(row ->
                ottoActions.add(row.get("action").asText() + " " + row.get("target").asText("") + " " + row.get("outcome").asText()));
        assertThat(ottoActions).contains("redeliver none-audit.837 no_such_file", "read-audit GET /api/audit forbidden");

        String today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(audit("user=rita&from=" + today + "&to=" + today).get("total").asInt()).isPositive();
        assertThat(audit("user=rita&to=2020-01-01").get("total").asInt()).isZero();
    }

    // --- OpenAPI -----------------------------------------------------------------------------

    @Test
    void the_openapi_document_is_valid_json_and_describes_every_api_route_with_its_method() throws Exception {
        HttpResponse<String> response = get("/openapi.json", basic("rita", "rita-secret-1"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");

        Set<String> documented = new HashSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> routed = new HashSet<>();
        for (JsonNode route : new YAMLMapper().readTree(Path.of("routes/api.camel.yaml").toFile())) {
            JsonNode from = route.get("route").get("from");
            String uri = from.get("uri").asText();
            if (uri.startsWith("platform-http:")) {
                routed.add(from.get("parameters").get("httpMethodRestrict").asText() + " "
                        + uri.substring("platform-http:".length()));
            }
        }
        assertThat(routed).contains("GET /api/claims", "GET /api/summary", "GET /api/unmatched-replies", "POST /api/payers/{payerId}/replies");
        assertThat(documented).isEqualTo(routed);
        document.get("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.get("responses").has("401")).isTrue();
            assertThat(operation.get("x-role").asText()).isIn("reader", "operator", "admin");
        }));
    }

    // --- helpers -----------------------------------------------------------------------------

    private static JsonNode search(String query) throws Exception {
        HttpResponse<String> response = get("/api/claims?" + query, basic("rita", "rita-secret-1"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode audit(String query) throws Exception {
        HttpResponse<String> response = get("/api/audit?" + query, basic("ada", "ada-secret-3"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode detail(long claimId) throws Exception {
        HttpResponse<String> response = get("/api/claims/" + claimId, basic("rita", "rita-secret-1"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> clm01s(JsonNode page) {
        List<String> clm01s = new ArrayList<>();
        page.get("items").forEach(item -> clm01s.add(item.get("clm01").asText()));
        return clm01s;
    }

    private static JsonNode find(JsonNode deadLetters, String fileName) {
        for (JsonNode letter : deadLetters) {
            if (letter.get("fileName").asText().equals(fileName)) {
                return letter;
            }
        }
        return null;
    }

    private static String claimJson(String clm01) throws Exception {
        ObjectNode claim = (ObjectNode) JSON.readTree(Path.of("examples/claim.json").toFile());
        claim.put("patientControlNumber", clm01);
        // A member id of its own per CLM01: the same services under two CLM01s would be a probable duplicate.
        ((ObjectNode) claim.get("coverages").get(0)).put("memberId", "W123456789-" + clm01);
        return claim.toString();
    }

    /** A claim recorded straight in the ledger, received at a given time. */
    private static long seed(String clinic, String clm01, String payer, String receivedAt, List<Reason> reasons)
            throws Exception {
        IntakeLedger ledger = new IntakeLedger(ledgerData, Clock.fixed(Instant.parse(receivedAt), ZoneOffset.UTC));
        String payload = claimJson(clm01);
        return ledger.recordClaim(new IncomingClaim(clinic, clm01, "1", null, payer, new BigDecimal("205.00"), payload,
                "hash-" + clm01, new Source("file", clm01 + ".json", null), reasons)).claimId();
    }

    /** What the delivery flow leaves when it gives up on a file: delivery, batch and claims DEAD, the error on each claim. */
    private static void deadBatch(String fileName, long isa13, long claimId, String error) throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO batch (payer_id, file_name, interchange_control_number, created_at, status,"
                    + " claim_count) VALUES ('payer-x', '" + fileName + "', " + isa13 + ", TIMESTAMP '2026-03-01 10:00:00', 'dead', 1)");
            statement.execute("UPDATE claim SET status = 'DEAD', st02 = '000000077', batch_id = (SELECT id FROM batch"
                    + " WHERE file_name = '" + fileName + "') WHERE id = " + claimId);
            statement.execute("INSERT INTO claim_event (claim_id, at, status, detail) VALUES (" + claimId
                    + ", TIMESTAMP '2026-03-01 11:00:00', 'DEAD', '" + error + "')");
            statement.execute("INSERT INTO delivery (batch_id, payer_id, file_name, status, attempts, next_attempt_at,"
                    + " last_error, updated_at) VALUES ((SELECT id FROM batch WHERE file_name = '" + fileName + "'),"
                    + " 'payer-x', '" + fileName + "', 'DEAD', 8, TIMESTAMP '2026-03-01 11:00:00', '" + error + "',"
                    + " TIMESTAMP '2026-03-01 11:00:00')");
        }
    }

    private static String batchStatus(String fileName) throws Exception {
        try (Connection connection = ledgerData.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT status FROM batch WHERE file_name = '" + fileName + "'")) {
            row.next();
            return row.getString(1);
        }
    }

    private static String[] basic(String user, String password) {
        return new String[]{"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private static HttpResponse<String> get(String path, String... header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (header.length > 0) {
            request.header(header[0], header[1]);
        }
        return send(request);
    }

    private static HttpResponse<String> post(String path, String body, String... header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (header.length > 0) {
            request.header(header[0], header[1]);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
