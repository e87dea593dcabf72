package io.claimshub.clinicreturn;

import com.sun.net.httpserver.HttpServer;
import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.Dft;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import io.claimshub.x12.replies.X12Replies;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/clinic-notices.camel.yaml on the running hub: a clinic with {@code replyTo: http} has each claim's
 * reply record POSTed to its own web server (a real one here) by the notice timer, once.
 */
class ClinicNoticesRouteTest extends HubRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> noticeIds = new CopyOnWriteArrayList<>();
    private final HttpServer emr = emr();

    private HttpServer emr() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/notices", exchange -> {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                noticeIds.add(exchange.getRequestHeaders().getFirst("X-ClaimsHub-Notice") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopEmr() {
        emr.stop(0);
    }

    @Override
    protected String clinics(String yaml) {
        return yaml.replace("replyTo: folder", "replyTo: http\n    replyUrl: http://127.0.0.1:" + emr.getAddress().getPort() + "/notices");
    }

    @Override
    protected String payers(String yaml) {
        return yaml.replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }",
                "replies: { type: folder, path: data/payers/acme/outbound, every: 200ms }");
    }

    @Test
    void should_post_each_claims_999_record_to_the_clinics_url_once() throws Exception {
        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("N-1").clm01("NT1").build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("N-2").clm01("NT2").build()))).isEqualTo("AA");
        }
        Path inbound = path("data/payers/acme/inbound");
        await().atMost(WAIT).until(() -> Fixtures.files(inbound).size() == 1);
        String x12 = Fixtures.read(Fixtures.files(inbound).get(0));
        NotifyBuilder sent = new NotifyBuilder(context).fromRoute(HubRoutes.NOTIFY).whenCompleted(5).create();

        Fixtures.drop(path("data/payers/acme/outbound"), "ack.999", accepting999(x12));

        await().atMost(WAIT).until(() -> posted.size() == 2);
        assertThat(sent.matches(30, TimeUnit.SECONDS)).as("the notice timer runs on").isTrue();
        assertThat(posted).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"claimStatus\":\"acknowledged\""))
                .anySatisfy(body -> assertThat(body).contains("\"patientControlNumber\":\"NT1\""))
                .anySatisfy(body -> assertThat(body).contains("\"patientControlNumber\":\"NT2\""));
        assertThat(noticeIds).hasSize(2).allSatisfy(header -> assertThat(header).endsWith(" application/json"))
                .doesNotHaveDuplicates();
        assertThat(Fixtures.files(path("data/notify/pending"))).isEmpty();
    }

    /** A 999 accepting the one transaction set of the hub's 837. */
    private static String accepting999(String x12) {
        String gs06 = group(Pattern.compile("~GS\\*HC\\*[^*]*\\*[^*]*\\*\\d+\\*\\d+\\*(\\d+)\\*"), x12);
        String st02 = group(Pattern.compile("~ST\\*837\\*(\\d+)\\*"), x12);
        return new String(X12Replies.file().interchange("000000777").group("FA", "777", "005010X231A1")
                .set("999", "0001", "005010X231A1", seg("AK1", "HC", gs06, "005010X222A1"),
                        seg("AK2", "837", st02), seg("IK5", "A"), seg("AK9", "A", "1", "1", "1"))
                .bytes(), StandardCharsets.US_ASCII);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in the 837").isTrue();
        return matcher.group(1);
    }
}
