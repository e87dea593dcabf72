package io.claimshub.clinicreturn;

import io.claimshub.testing.TestClock;
import com.sun.net.httpserver.HttpServer;
import io.claimshub.config.ClinicConfig;
import io.claimshub.delivery.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Clinic notices over a real HTTP server and a real MLLP listener, with retries and a restart. */
class NoticeDispatcherTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(5),
            new java.util.Random(1));
    private HttpServer webhook;
    private final BlockingQueue<Integer> webhookStatuses = new LinkedBlockingQueue<>();
    private final List<String> webhookBodies = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void a_webhook_that_fails_with_500_gets_the_status_again_after_the_backoff_and_only_once_after_200() throws Exception {
        startWebhook(500, 200);
        NoticeQueue queue = new NoticeQueue(dir);
        notifier(queue).claimStatus(httpClinic(), "{\"clm01\":\"PCN1\",\"status\":\"accepted\"}");

        assertThat(dispatcher(queue).dispatchDue()).isZero();
        assertThat(queue.pending()).singleElement().satisfies(n -> {
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.lastError()).isEqualTo("webhook answered HTTP 500");
        });
        assertThat(dispatcher(queue).dispatchDue()).as("not before the backoff").isZero();
        assertThat(webhookBodies).hasSize(1);

        clock.advance(Duration.ofSeconds(11));
        // a new queue and dispatcher over the same folder: what a restarted hub would see
        NoticeQueue restarted = new NoticeQueue(dir);
        assertThat(dispatcher(restarted).dispatchDue()).isEqualTo(1);
        assertThat(restarted.pending()).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(dispatcher(restarted).dispatchDue()).isZero();
        assertThat(webhookBodies).containsExactly("{\"clm01\":\"PCN1\",\"status\":\"accepted\"}",
                "{\"clm01\":\"PCN1\",\"status\":\"accepted\"}");
    }

    @Test
    void a_webhook_that_answers_404_is_not_retried_and_the_notice_is_kept_in_failed() throws Exception {
        startWebhook(404);
        NoticeQueue queue = new NoticeQueue(dir);
        notifier(queue).claimStatus(httpClinic(), "{\"clm01\":\"PCN2\"}");

        dispatcher(queue).dispatchDue();

        assertThat(queue.pending()).isEmpty();
        assertThat(queue.failed()).singleElement().extracting(Notice::lastError).isEqualTo("webhook answered HTTP 404");
    }

    @Test
    void a_remittance_reaches_the_ehr_as_a_dft_after_a_dropped_connection_and_an_ae() throws Exception {
        try (MllpTestReceiver ehr = new MllpTestReceiver().answer("DROP", "AE")) {
            NoticeQueue queue = new NoticeQueue(dir);
            notifier(queue).remittance(mllpClinic(ehr.port()), remittance());

            dispatcher(queue).dispatchDue();
            clock.advance(Duration.ofMinutes(5));
            dispatcher(queue).dispatchDue();
            assertThat(queue.pending()).singleElement().extracting(Notice::attempts).isEqualTo(2);
            clock.advance(Duration.ofMinutes(5));
            assertThat(dispatcher(queue).dispatchDue()).isEqualTo(1);

            assertThat(ehr.received()).hasSize(3).allSatisfy(m -> assertThat(m).contains("DFT^P03", "FT1|1|EFT9||20261118||PY|"));
            assertThat(queue.pending()).isEmpty();
            assertThat(queue.failed()).isEmpty();
        }
    }

    @Test
    void an_ehr_that_refuses_with_ar_or_never_answers_ends_in_failed_after_the_last_attempt() throws Exception {
        try (MllpTestReceiver ehr = new MllpTestReceiver().answer("AR")) {
            NoticeQueue queue = new NoticeQueue(dir);
            notifier(queue).remittance(mllpClinic(ehr.port()), remittance());
            dispatcher(queue).dispatchDue();
            assertThat(queue.failed()).singleElement().extracting(Notice::lastError)
                    .isEqualTo("the EHR refused the message (AR)");
        }
        NoticeQueue queue = new NoticeQueue(dir.resolve("down"));
        notifier(queue).remittance(mllpClinic(closedPort()), remittance());
        for (int i = 0; i < 3; i++) {
            dispatcher(queue).dispatchDue();
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(queue.pending()).isEmpty();
        assertThat(queue.failed()).singleElement().extracting(Notice::attempts).isEqualTo(3);
    }

    private NoticeDispatcher dispatcher(NoticeQueue queue) {
        return new NoticeDispatcher(queue, Map.of(Notice.Channel.HTTP, new WebhookSender(Duration.ofSeconds(5)),
                Notice.Channel.MLLP, new MllpNoticeSender(2000)), retry, clock);
    }

    private ClinicNotifier notifier(NoticeQueue queue) {
        return new ClinicNotifier(queue, new RemittanceDft("CLAIMSHUB", "CLAIMSHUB", clock), clock);
    }

    private void startWebhook(Integer... statuses) throws IOException {
        webhookStatuses.addAll(List.of(statuses));
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/claims-status", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer status = webhookStatuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        webhook.start();
    }

    private ClinicConfig httpClinic() {
        return clinic(new ClinicConfig.ReplyTo.Http("http://127.0.0.1:" + webhook.getAddress().getPort() + "/claims-status"));
    }

    private static ClinicConfig mllpClinic(int port) {
        return clinic(new ClinicConfig.ReplyTo.Mllp("127.0.0.1", port));
    }

    private static ClinicConfig clinic(ClinicConfig.ReplyTo replyTo) {
        return new ClinicConfig("sunrise", "Sunrise", "1234567893", "123456789", "207Q00000X", null, "11", null,
                List.of("SUNRISE"), null, null, replyTo, null);
    }

    private static ClaimRemittance remittance() {
        return new ClaimRemittance("PCN3", "P3", "ACME", "EFT9", LocalDate.of(2026, 11, 18), new BigDecimal("100.00"),
                new BigDecimal("80.00"), BigDecimal.ZERO, List.of(new ClaimRemittance.Adjustment("CO", "45", new BigDecimal("20.00"))),
                List.of());
    }

    private static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
