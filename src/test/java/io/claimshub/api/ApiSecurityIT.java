package io.claimshub.api;

import io.claimshub.ledger.IntakeLedger;
import io.claimshub.testing.LogCapture;
import io.claimshub.testing.HubHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API's defences over real HTTP against the running hub: login throttling and its audit, old
 * password hashes, path parameters that request headers cannot change, refused reply files staying
 * refused, and users limited to some clinics.
 */
class ApiSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LEGACY_SALT = "00112233445566778899aabbccddeeff";

    private static Path workDir;
    private static HubHarness hub;

    @BeforeAll
    static void startHub() throws Exception {
        workDir = Files.createTempDirectory("api-security-it");
        hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.api.login.max-failures-per-user", "3")
                .withProperty("claimshub.api.login.max-failures-per-address", "40")
                .withProperty("claimshub.api.login.window", "10m");
        Files.writeString(workDir.resolve("config/api-users.properties"), String.join("\n",
                "# written by hand before claims-hub user existed",
                "user.otto = operator " + SecretHash.create("otto-secret-2"),
                "user.ada = admin " + SecretHash.create("ada-secret-3"),
                "user.locked = reader " + SecretHash.create("locked-secret-4"),
                "user.sam = reader " + SecretHash.create("sam-secret-5") + " clinics=sunrise",
                "user.sol = operator " + SecretHash.create("sol-secret-6") + " clinics=sunrise",
                "user.oldtimer = reader " + LEGACY_SALT + ":" + sha256(LEGACY_SALT + "oldtimer-secret-7"), ""));
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    // --- login throttling --------------------------------------------------------------------

    @Test
    void repeated_wrong_passwords_are_answered_429_with_retry_after_logged_without_the_password_and_audited()
            throws Exception {
        try (LogCapture log = new LogCapture()) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(get("/api/claims", basic("locked", "guess-" + attempt)).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> throttled = get("/api/claims", basic("locked", "guess-4"));
            HttpResponse<String> evenRight = get("/api/claims", basic("locked", "locked-secret-4"));

            assertThat(throttled.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 600L);
            assertThat(JSON.readTree(throttled.body()).get("error").asText()).contains("too many failed logins");
            assertThat(evenRight.statusCode()).as("locked out for the window, right password or not").isEqualTo(429);
            assertThat(log.text()).contains("locked").doesNotContain("guess-1", "guess-4", "locked-secret-4");
        }
        assertThat(get("/api/claims", basic("otto", "otto-secret-2")).statusCode())
                .as("other users from the same address still get in").isEqualTo(200);
        JsonNode audit = audit("user=locked");
        List<String> outcomes = new ArrayList<>();
        audit.get("items").forEach(entry -> outcomes.add(entry.get("action").asText() + " " + entry.get("outcome").asText()));
        assertThat(outcomes).contains("login failed", "login throttled");
        assertThat(audit.toString()).doesNotContain("guess-");
    }

    @Test
    void an_old_one_round_sha256_entry_still_works_is_flagged_and_is_rehashed_on_login() throws Exception {
        assertThat(get("/api/claims", basic("oldtimer", "oldtimer-secret-7")).statusCode()).isEqualTo(200);

        String line = Files.readAllLines(workDir.resolve("config/api-users.properties")).stream()
                .filter(l -> l.startsWith("user.oldtimer")).findFirst().orElseThrow();
        assertThat(line).startsWith("user.oldtimer = reader pbkdf2-sha256$600000$").doesNotContain(LEGACY_SALT);
        assertThat(Files.readString(workDir.resolve("config/api-users.properties")))
                .startsWith("# written by hand before claims-hub user existed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/claims", basic("oldtimer", "oldtimer-secret-7")).statusCode()).isEqualTo(200));
        assertThat(get("/api/claims", basic("oldtimer", "wrong")).statusCode()).isEqualTo(401);
    }

    // --- path parameters ---------------------------------------------------------------------

    @Test
    void a_request_header_named_like_a_path_parameter_does_not_change_it() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/clinics/sunrise/claims"))
                .header("Content-Type", "application/json")
                .header("clinicId", "moonrise")
                .header("Authorization", basic("otto", "otto-secret-2"))
                .POST(HttpRequest.BodyPublishers.ofString(claimJson("PATH-1"))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long claimId = JSON.readTree(response.body()).get("claimId").asLong();
        HttpResponse<String> detail = send(HttpRequest.newBuilder(uri("/api/claims/" + claimId))
                .header("claimId", "999999").header("Authorization", basic("otto", "otto-secret-2")).GET());
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        assertThat(JSON.readTree(detail.body()).get("clinicId").asText()).isEqualTo("sunrise");
        assertThat(JSON.readTree(detail.body()).get("clm01").asText()).isEqualTo("PATH-1");
    }

    // --- replies -----------------------------------------------------------------------------

    @Test
    void a_reply_refused_as_not_x12_is_refused_again_when_posted_again() throws Exception {
        HttpResponse<String> first = post("/api/payers/acme/replies", "this is not X12 either", basic("otto", "otto-secret-2"));
        HttpResponse<String> again = post("/api/payers/acme/replies", "this is not X12 either", basic("otto", "otto-secret-2"));

        assertThat(first.statusCode()).isEqualTo(422);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(JSON.readTree(again.body()).get("error").asText())
                .isEqualTo(JSON.readTree(first.body()).get("error").asText());
    }

    // --- clinic scoping ----------------------------------------------------------------------

    @Test
    void a_user_limited_to_a_clinic_sees_only_its_claims_and_cannot_submit_for_another() throws Exception {
        long own = seed("sunrise", "SCOPE-1");
        long other = seed("moonrise", "SCOPE-2");

        HttpResponse<String> all = get("/api/claims?clm01=SCOPE-2", basic("sam", "sam-secret-5"));
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(JSON.readTree(all.body()).get("total").asInt()).isZero();
        assertThat(JSON.readTree(get("/api/claims?clm01=SCOPE-1", basic("sam", "sam-secret-5")).body())
                .get("total").asInt()).isEqualTo(1);
        assertThat(get("/api/claims?clinic=moonrise", basic("sam", "sam-secret-5")).statusCode()).isEqualTo(403);
        assertThat(get("/api/claims/" + own, basic("sam", "sam-secret-5")).statusCode()).isEqualTo(200);
        assertThat(get("/api/claims/" + other, basic("sam", "sam-secret-5")).statusCode()).isEqualTo(404);
        assertThat(get("/api/claims/" + other, basic("otto", "otto-secret-2")).statusCode())
                .as("an unlimited user sees every clinic").isEqualTo(200);
        JsonNode summary = JSON.readTree(get("/api/summary", basic("sam", "sam-secret-5")).body());
        long counted = 0;
        for (JsonNode row : summary.get("counts")) {
            counted += row.get("count").asLong();
        }
        assertThat(counted).as("the summary counts its clinic's claims only").isEqualTo(
                JSON.readTree(get("/api/claims?clinic=sunrise", basic("sam", "sam-secret-5")).body()).get("total").asLong());

        HttpResponse<String> elsewhere = post("/api/clinics/moonrise/claims", claimJson("SCOPE-3"), basic("sol", "sol-secret-6"));
        HttpResponse<String> ownClinic = post("/api/clinics/sunrise/claims", claimJson("SCOPE-4"), basic("sol", "sol-secret-6"));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
        assertThat(JSON.readTree(elsewhere.body()).get("error").asText()).contains("sunrise");
        assertThat(ownClinic.statusCode()).as(ownClinic.body()).isEqualTo(201);
    }

    // --- helpers -----------------------------------------------------------------------------

    private static JsonNode audit(String query) throws Exception {
        HttpResponse<String> response = get("/api/audit?" + query, basic("ada", "ada-secret-3"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long seed(String clinic, String clm01) throws Exception {
        return hub.bean("intakeLedger", IntakeLedger.class).recordClaim(new IncomingClaim(clinic, clm01, "1", null, "acme", new BigDecimal("205.00"),
                claimJson(clm01), "hash-" + clm01, new Source("file", clm01 + ".json", null), List.of())).claimId();
    }

    private static String claimJson(String clm01) throws Exception {
        ObjectNode claim = (ObjectNode) JSON.readTree(Path.of("examples/claim.json").toFile());
        claim.put("patientControlNumber", clm01);
        // A member id of its own per CLM01: the same services under two CLM01s would be a probable duplicate.
        ((ObjectNode) claim.get("coverages").get(0)).put("memberId", "W123456789-" + clm01);
        return claim.toString();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET());
    }

    private static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
