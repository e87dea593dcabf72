package io.claimshub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubRouteTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/api.camel.yaml on the running hub, over real HTTP: a claim taken in over MLLP is found by the
 * claim search and its detail; the API answers nobody without credentials.
 */
class ApiRouteTest extends HubRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> filesBeforeStart() {
        return Map.of("config/api-users.properties", "user.rita = reader " + SecretHash.create("rita-secret-1") + "\n");
    }

    @Test
    void should_find_a_recorded_claim_by_its_clm01_and_show_its_detail() throws Exception {
        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("API-1").clm01("APIRT1").build()))).isEqualTo("AA");
        }

        HttpResponse<String> search = get("/api/claims?clinic=sunrise&clm01=APIRT1", "rita", "rita-secret-1");

        assertThat(search.statusCode()).isEqualTo(200);
        JsonNode found = JSON.readTree(search.body());
        assertThat(found.get("total").asInt()).isEqualTo(1);
        JsonNode row = found.get("items").get(0);
        assertThat(row.get("clm01").asText()).isEqualTo("APIRT1");
        HttpResponse<String> detail = get("/api/claims/" + row.get("id").asLong(), "rita", "rita-secret-1");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(detail.body()).get("clm01").asText()).isEqualTo("APIRT1");
    }

    @Test
    void should_answer_401_without_credentials_and_with_a_wrong_password() throws Exception {
        assertThat(get("/api/claims?clinic=sunrise", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/claims?clinic=sunrise", "rita", "wrong").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
