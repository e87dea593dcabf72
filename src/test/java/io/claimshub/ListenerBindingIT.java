package io.claimshub;

import io.claimshub.testing.HubHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the hub listens with the shipped config/application.properties: MLLP, the API and the
 * management server on the loopback address only, read from the operating system's table of listening
 * sockets; and the option that puts basic auth on the management server.
 */
class ListenerBindingIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workDir;

    @Test
    void with_the_shipped_config_every_listener_binds_the_loopback_address_only() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc/net/tcp");
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config").withShippedBindAddresses().start()) {
            for (int port : new int[]{hub.mllpPort(), hub.httpPort(), hub.managementPort()}) {
                List<String> listeners = listeningAddresses(port);
                assertThat(listeners).as("listening sockets on port " + port).isNotEmpty();
                assertThat(listeners).as("port " + port).allMatch(ListenerBindingIT::isLoopback);
            }
        }
    }

    @Test
    void the_management_basic_auth_option_answers_401_without_credentials_and_200_with_them() throws Exception {
        Path users = workDir.resolve("management-users.properties");
        Files.writeString(users, "user.prometheus = scrape-secret-9\n");
        try (HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("camel.management.authentication-enabled", "true")
                .withProperty("camel.management.basic-properties-file", users.toString())
                .start()) {
            String ready = hub.observeUrl() + "/health/ready";
            String metrics = hub.observeUrl() + "/metrics";

            assertThat(status(ready, null)).isEqualTo(401);
            assertThat(status(metrics, null)).isEqualTo(401);
            assertThat(status(metrics, basic("prometheus", "wrong"))).isEqualTo(401);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(status(ready, basic("prometheus", "scrape-secret-9"))).isEqualTo(200));
            assertThat(status(metrics, basic("prometheus", "scrape-secret-9"))).isEqualTo(200);
        }
    }

    private static int status(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Local addresses (hex, as the kernel writes them) of sockets in state LISTEN on a TCP port, IPv4 and IPv6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.strip().split("\\s+");
                String[] local = columns[1].split(":");
                if (Integer.parseInt(local[1], 16) == port && "0A".equals(columns[3])) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** 127.x.x.x (little-endian hex, so the last byte is 7F) or ::1, possibly as ::ffff:127.x.x.x. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000") || hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F");
    }
}
