package io.claimshub.dashboard;

import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/dashboard.camel.yaml on the running hub: the page and its two files over real HTTP, nothing else. */
class DashboardRouteTest extends HubRouteTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void should_serve_the_page_its_script_and_its_style_from_the_classpath() throws Exception {
        assertThat(context.getRouteController().getRouteStatus(HubRoutes.DASHBOARD_PAGE)).isEqualTo(ServiceStatus.Started);

        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/app.js");
        HttpResponse<String> style = get("/style.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(resource("dashboard/index.html"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo(resource("dashboard/app.js"));
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.body()).isEqualTo(resource("dashboard/style.css"));
    }

    @Test
    void should_refuse_anything_but_get_and_serve_no_other_file() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url("/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/index.html").statusCode()).isEqualTo(404);
        assertThat(get("/../config/payers.yaml").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String resource(String path) throws Exception {
        try (var in = DashboardRouteTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
