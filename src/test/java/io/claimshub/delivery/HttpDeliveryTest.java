package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.testing.HttpTestServer;
import io.claimshub.testing.HttpTestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.claimshub.delivery.DeliveryTestBed.FAST_RETRY;
import static io.claimshub.delivery.DeliveryTestBed.content;
import static io.claimshub.delivery.DeliveryTestBed.httpPayer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delivery by HTTP POST to a real web server on loopback. */
class HttpDeliveryTest {

    private static final Map<String, String> ENV = Map.of("ACME_TOKEN", "t0ken", "ACME_USER", "hub", "ACME_PASSWORD", "pw");
    private static final String ACK_999 = "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     *261129*1200*^*00501*000000009*0*T*:~"
            + "GS*FA*ACMEHP*SUNRISEHUB*20261129*1200*9*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~"
            + "AK9*A*1*1*1~SE*4*0001~GE*1*9~IEA*1*000000009~";

    @TempDir
    Path dir;

    private DeliveryTestBed bed;
    private HttpTestServer payer;

    @BeforeEach
    void start() {
        bed = new DeliveryTestBed(dir);
        payer = new HttpTestServer("/claims");
    }

    @AfterEach
    void stop() {
        bed.close();
        payer.close();
    }

    private List<String> authorizations() {
        return payer.requests().stream().map(r -> String.valueOf(r.header("Authorization"))).toList();
    }

    private PayerConfig acme(Duration timeout) {
        return httpPayer("acme", payer.url("/claims"), new PayerConfig.Auth.Bearer("ACME_TOKEN"), timeout, FAST_RETRY);
    }

    @Test
    void a_200_delivers_the_file_with_the_bearer_token_and_keeps_a_999_from_the_answer_for_the_replies_flow() throws Exception {
        payer.answeringEach(n -> new Reply(200, ACK_999, 0));
        String content = content(2_000);
        BatchLedger.Batch batch = bed.writtenBatch("acme", content);

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(Duration.ofSeconds(2))), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(done.destination()).isEqualTo(payer.url("/claims"));
        assertThat(payer.bodies()).containsExactly(content);
        assertThat(authorizations()).containsExactly("Bearer t0ken");
        assertThat(bed.claimStatuses(batch.id())).containsOnly(ClaimStatus.DELIVERED);
        Path reply = bed.dataDir.resolve("replies/incoming/acme/" + batch.fileName().replace(".837", "") + "-response.999");
        assertThat(reply).hasContent(ACK_999);
        assertThat(bed.ledger.attempts(batch.id())).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("HTTP 200").contains("999 kept as"));
    }

    @Test
    void sends_basic_credentials_from_the_environment() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        PayerConfig basic = httpPayer("acme", payer.url("/claims"), new PayerConfig.Auth.Basic("ACME_USER", "ACME_PASSWORD"),
                Duration.ofSeconds(2), FAST_RETRY);

        assertThat(bed.runUntilFinal(bed.service(ENV, basic), batch.id()).status()).isEqualTo(DeliveryLedger.DELIVERED);

        assertThat(authorizations()).containsExactly("Basic aHViOnB3");
        assertThat(bed.dataDir.resolve("replies")).doesNotExist();
    }

    @Test
    void a_500_is_retried_and_the_file_is_delivered_once_when_the_payer_answers_200() throws Exception {
        payer.answeringEach(n -> n == 1 ? new Reply(500, "try later", 0) : Reply.status(200));
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(Duration.ofSeconds(2))), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(payer.requests()).hasSize(2);
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome).containsExactly("FAILED", "DELIVERED");
        assertThat(bed.ledger.attempts(batch.id()).get(0).error()).contains("HTTP 500").contains("try later");
    }

    @Test
    void a_401_is_not_retried_the_reason_is_recorded_and_the_file_goes_to_the_dead_letter_area() throws Exception {
        payer.answeringEach(n -> new Reply(401, "{\"error\":\"invalid token\"}", 0));
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(Duration.ofSeconds(2))), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(payer.requests()).hasSize(1);
        assertThat(done.lastError()).contains("HTTP 401").contains("refused the file").contains("invalid token");
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome).containsExactly("REJECTED");
        assertThat(bed.claimStatuses(batch.id())).containsOnly(ClaimStatus.DEAD);
        assertThat(bed.dataDir.resolve("dead/acme/" + batch.fileName())).exists();
    }

    @Test
    void an_answer_slower_than_the_timeout_is_retried() throws Exception {
        payer.answeringEach(n -> n == 1 ? new Reply(200, "", 1_500) : Reply.status(200));
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(Duration.ofMillis(300))), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome).containsExactly("FAILED", "DELIVERED");
        assertThat(bed.ledger.attempts(batch.id()).get(0).error()).contains("no answer from payer acme URL within 300 ms");
    }

    @Test
    void a_payer_that_hangs_does_not_hold_up_another_payers_delivery() throws Exception {
        try (HttpTestServer slow = new HttpTestServer("/slow").answeringEach(n -> new Reply(200, "", 3_000))) {
            PayerConfig hanging = httpPayer("slowpoke", slow.url("/slow"), null, Duration.ofSeconds(10), FAST_RETRY);
            BatchLedger.Batch stuck = bed.writtenBatch("slowpoke", content(100));
            BatchLedger.Batch other = bed.writtenBatch("acme", content(100));
            DeliveryService service = bed.service(ENV, hanging, acme(Duration.ofSeconds(2)));

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> {
                service.tick();
                return bed.ledger.delivery(other.id()).orElseThrow().status().equals(DeliveryLedger.DELIVERED);
            });

            assertThat(bed.ledger.attempts(stuck.id())).singleElement().satisfies(a -> assertThat(a.outcome()).isNull());
            assertThat(bed.ledger.delivery(stuck.id()).orElseThrow().status()).isEqualTo(DeliveryLedger.SENDING);
        }
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_the_payer_refusing_the_file() throws Exception {
        try (HttpTestServer moved = new HttpTestServer("/moved")
                .answeringEach(n -> Reply.redirect(307, payer.url("/claims")))) {
            BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
            PayerConfig redirecting = httpPayer("acme", moved.url("/moved"), null, Duration.ofSeconds(2), FAST_RETRY);

            DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, redirecting), batch.id());

            assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
            assertThat(done.lastError()).contains("HTTP 307 from payer acme URL: the payer refused the file");
            assertThat(moved.requests()).hasSize(1);
            assertThat(payer.requests()).as("the redirect to /claims was not followed").isEmpty();
        }
    }

    @Test
    void a_payer_that_is_not_listening_is_retried_with_the_reason() throws Exception {
        int closed = io.claimshub.testing.FreePorts.next();
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));
        PayerConfig payer = httpPayer("acme", "http://127.0.0.1:" + closed + "/claims", null, Duration.ofSeconds(2), FAST_RETRY);

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, payer), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome)
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(done.lastError()).startsWith("cannot connect to payer acme URL: ");
    }

    @Test
    void a_503_is_left_to_the_payers_retry_policy_not_retried_by_the_http_client_within_the_attempt() throws Exception {
        payer.answeringEach(n -> n == 1 ? new Reply(503, "maintenance", 0) : Reply.status(200));
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(ENV, acme(Duration.ofSeconds(2))), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(payer.requests()).hasSize(2);
        assertThat(bed.ledger.attempts(batch.id())).extracting(DeliveryLedger.Attempt::outcome).containsExactly("FAILED", "DELIVERED");
    }
}
