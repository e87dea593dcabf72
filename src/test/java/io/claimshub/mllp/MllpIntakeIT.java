package io.claimshub.mllp;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import io.claimshub.ledger.ClaimStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.claimshub.mllp.MllpTestClient.code;
import static io.claimshub.mllp.MllpTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MLLP listener over real TCP, against the running hub. */
class MllpIntakeIT {

    private static final int MAX_CONNECTIONS = 4;

    @TempDir
    static Path workDir;
    static HubHarness hub;

    @BeforeAll
    static void start() throws Exception {
        hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.mllp.max-message-bytes", "65536")
                .withProperty("claimshub.mllp.max-frame-bytes", "262144")
                .withProperty("claimshub.mllp.receive-timeout", "2000")
                .withProperty("claimshub.mllp.read-timeout", "1000")
                .withProperty("claimshub.mllp.max-connections", String.valueOf(MAX_CONNECTIONS))
                // every client here comes from 127.0.0.1: this class tests the overall limit, MllpConnectionLimitsIT the rest
                .withProperty("claimshub.mllp.max-connections-per-address", String.valueOf(MAX_CONNECTIONS))
                .withProperty("claimshub.mllp.reserved-connections", "0").start();
    }

    @AfterAll
    static void stop() {
        hub.stop();
    }

    private static ClaimQueries ledger() {
        return hub.bean("claimQueries", ClaimQueries.class);
    }

    @Test
    void a_valid_charge_is_acknowledged_aa_after_it_is_in_the_ledger_and_a_resend_creates_nothing() throws Exception {
        String message = Dft.message().controlId("MLLP-1").clm01("ML1").build();
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            String ack = client.send(message);
            assertThat(code(ack)).isEqualTo("AA");
            assertThat(field(ack, "MSA", 2)).isEqualTo("MLLP-1");
            assertThat(field(ack, "MSH", 9)).startsWith("ACK^P03");
            assertThat(ledger().findByClm01("sunrise", "ML1")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isIn(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.DELIVERED))
                    .satisfies(c -> assertThat(c.sourceControlId()).isEqualTo("MLLP-1"))
                    .satisfies(c -> assertThat(c.sourceName()).as("the EHR's address").contains("127.0.0.1:"));

            assertThat(code(client.send(message))).isEqualTo("AA");
            assertThat(ledger().findByClm01("sunrise", "ML1")).hasSize(1);

            String reused = client.send(Dft.message().controlId("MLLP-1").clm01("ML1-OTHER").build());
            assertThat(code(reused)).isEqualTo("AR");
            assertThat(field(reused, "ERR", 8)).isEqualTo(
                    "MSH-10: message control id MLLP-1 was already used for a different message; give each message its own MSH-10");
            assertThat(ledger().findByClm01("sunrise", "ML1-OTHER")).isEmpty();
        }
    }

    @Test
    void a_claim_that_fails_the_edits_gets_ae_with_an_err_per_reason() throws Exception {
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            String ack = client.send(Dft.message().controlId("MLLP-2").clm01("ML2").renderingNpi("1234567890").build());

            assertThat(code(ack)).isEqualTo("AE");
            assertThat(field(ack, "ERR", 2)).isEqualTo("FT1^1");
            assertThat(field(ack, "ERR", 3)).isEqualTo("207");
            assertThat(field(ack, "ERR", 4)).isEqualTo("E");
            assertThat(ack).contains("FT1 #1: rendering provider NPI 1234567890 fails the check digit",
                    "FT1 #2: rendering provider NPI 1234567890 fails the check digit");
            assertThat(ledger().findByClm01("sunrise", "ML2")).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.REJECTED));
            assertThat(code(client.send(Dft.message().controlId("MLLP-2").clm01("ML2").renderingNpi("1234567890").build())))
                    .as("a resent rejected message is answered AE again").isEqualTo("AE");
        }
    }

    @Test
    void what_cannot_be_processed_gets_ar_with_the_reason() throws Exception {
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            String unknown = client.send(Dft.message().controlId("MLLP-3").build().replace("|SUNRISE|", "|ELSEWHERE|"));
            assertThat(code(unknown)).isEqualTo("AR");
            assertThat(field(unknown, "MSA", 2)).isEqualTo("MLLP-3");
            assertThat(field(unknown, "ERR", 8)).isEqualTo(
                    "MSH-4: unknown sending facility 'ELSEWHERE': it is not listed in any clinic's sendingFacilities");

            String adt = client.send(Dft.message().controlId("MLLP-4").build().replace("DFT^P03^DFT_P03", "ADT^A04^ADT_A01"));
            assertThat(code(adt)).isEqualTo("AR");
            assertThat(field(adt, "ERR", 3)).isEqualTo("200");
            assertThat(adt).contains("unsupported message type ADT\\S\\A04");

            String xml = client.send("<?xml version=\"1.0\"?><DFT_P03><MSH/></DFT_P03>");
            assertThat(code(xml)).isEqualTo("AR");
            assertThat(xml).contains("XML encoding is not accepted");

            String old = client.send(Dft.message().controlId("MLLP-5").build().replace("|P|2.5.1", "|P|2.2"));
            assertThat(code(old)).isEqualTo("AR");
            assertThat(field(old, "ERR", 3)).isEqualTo("203");
        }
        // a feed sent with the wrong MSH-4 shows on the metrics page, without the value it sent
        String metrics = hub.bean("metricsRegistry", PrometheusMeterRegistry.class).scrape();
        assertThat(metrics).contains("mllp_acknowledgements_total{clinic=\"unknown\",code=\"AR\"}")
                .contains("mllp_acknowledgements_total{clinic=\"sunrise\",code=\"AR\"}")
                .doesNotContain("ELSEWHERE");
    }

    @Test
    void an_oversized_message_is_refused_with_ar_and_the_connection_stays_usable() throws Exception {
        String huge = Dft.message().controlId("MLLP-6").clm01("ML6").build() + "NTE|1||" + "X".repeat(100_000) + "\r";
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            String ack = client.send(huge);
            assertThat(code(ack)).isEqualTo("AR");
            assertThat(field(ack, "MSA", 2)).isEqualTo("MLLP-6");
            assertThat(field(ack, "ERR", 8)).startsWith("message: the message has 100");
            assertThat(code(client.send(Dft.message().controlId("MLLP-7").clm01("ML7").build()))).isEqualTo("AA");
        }
        assertThat(ledger().findByClm01("sunrise", "ML6")).isEmpty();
    }

    @Test
    void a_frame_beyond_the_buffer_limit_is_refused_with_ar_and_the_connection_stays_usable() throws Exception {
        assertThat(hub.context().getEndpoints()).filteredOn(e -> e instanceof MllpEndpoint)
                .extracting(e -> ((MllpEndpoint) e).getConfiguration().getMaxBufferSize())
                .as("the listener keeps the route's buffer limit").containsExactly(262144);
        String enormous = Dft.message().controlId("MLLP-9").clm01("ML9").build() + "NTE|1||" + "X".repeat(300_000) + "\r";
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 10_000)) {
            // the first frame of a connection, then one in the middle of it
            String first = client.send(enormous);
            assertThat(code(first)).isEqualTo("AR");
            assertThat(field(first, "MSA", 2)).isEqualTo("MLLP-9");
            assertThat(field(first, "ERR", 8)).startsWith("message: the message has 30");
            assertThat(code(client.send(Dft.message().controlId("MLLP-10").clm01("ML10").build()))).isEqualTo("AA");
            String later = client.send(enormous.replace("MLLP-9", "MLLP-9B"));
            assertThat(code(later)).isEqualTo("AR");
            assertThat(field(later, "MSA", 2)).isEqualTo("MLLP-9B");
            assertThat(code(client.send(Dft.message().controlId("MLLP-10B").clm01("ML10B").build()))).isEqualTo("AA");
        }
        assertThat(ledger().findByClm01("sunrise", "ML9")).isEmpty();
        assertThat(ledger().findByClm01("sunrise", "ML10B")).hasSize(1);
    }

    @Test
    void a_frame_beyond_the_buffer_limit_that_never_ends_closes_that_connection_only() throws Exception {
        byte[] head = ("\u000b" + Dft.message().controlId("MLLP-12").build() + "NTE|1||" + "X".repeat(300_000))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 15_000)) {
            client.sendRaw(head);
            // no end-of-block: after the read timeout the listener gives up on this connection
            assertThatThrownBy(client::readAck).isInstanceOf(java.io.IOException.class);
        }
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            assertThat(code(client.send(Dft.message().controlId("MLLP-13").clm01("ML13").build()))).isEqualTo("AA");
        }
    }

    @Test
    void garbage_between_frames_and_a_frame_without_its_end_do_not_lose_the_next_good_message() throws Exception {
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            client.sendRaw("noise before any frame\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream broken = new ByteArrayOutputStream();
            broken.write(MllpTestClient.START);
            broken.writeBytes("MSH|^~\\&|EHR|SUNRISE|||20261101||DFT^P03|BROKEN|P|2.5.1\r".getBytes(StandardCharsets.US_ASCII));
            client.sendRaw(broken.toByteArray());
            String ack = client.send(Dft.message().controlId("MLLP-8").clm01("ML8").build());
            assertThat(ack).contains("MSA|");
        } catch (java.io.IOException closedByListener) {
            // The listener may drop a connection whose framing it cannot trust; the EHR reconnects.
        }
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            assertThat(code(client.send(Dft.message().controlId("MLLP-8").clm01("ML8").build()))).isEqualTo("AA");
        }
        assertThat(ledger().findByClm01("sunrise", "ML8")).hasSize(1);
    }

    @Test
    void a_frame_too_short_to_be_hl7_closes_that_connection_only() throws Exception {
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort(), 5000)) {
            assertThatThrownBy(() -> client.send("MS")).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("connection closed");
        }
        try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
            assertThat(code(client.send("MSH|"))).isEqualTo("AR");
            assertThat(code(client.send(Dft.message().controlId("MLLP-11").clm01("ML11").build()))).isEqualTo("AA");
        }
    }

    @Test
    void as_many_clients_as_the_limit_at_once_are_all_answered_and_their_resends_create_nothing() throws Exception {
        int messages = 25;
        ExecutorService pool = Executors.newFixedThreadPool(MAX_CONNECTIONS);
        List<Callable<List<String>>> clients = new ArrayList<>();
        for (int c = 0; c < MAX_CONNECTIONS; c++) {
            int clientNo = c;
            clients.add(() -> {
                List<String> answers = new ArrayList<>();
                try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
                    for (int i = 0; i < messages; i++) {
                        String message = Dft.message().controlId("C" + clientNo + "-" + i).clm01("CC" + clientNo + "X" + i).build();
                        // each message twice, as an EHR that missed the first ACK would send it
                        answers.add(client.send(message));
                        answers.add(client.send(message));
                    }
                }
                return answers;
            });
        }
        List<Future<List<String>>> results = pool.invokeAll(clients);
        pool.shutdown();
        for (int c = 0; c < MAX_CONNECTIONS; c++) {
            List<String> answers = results.get(c).get();
            assertThat(answers).hasSize(2 * messages);
            for (int i = 0; i < 2 * messages; i++) {
                assertThat(code(answers.get(i))).isEqualTo("AA");
                assertThat(field(answers.get(i), "MSA", 2)).as("the ACK answers its own message").isEqualTo("C" + c + "-" + i / 2);
            }
            for (int i = 0; i < messages; i++) {
                assertThat(ledger().findByClm01("sunrise", "CC" + c + "X" + i)).as("client %d message %d", c, i).hasSize(1);
            }
        }
    }

    @Test
    void a_connection_beyond_the_limit_of_connections_waiting_for_a_first_message_is_refused_at_once() throws Exception {
        // connections of earlier tests, closed by their clients, hold their places until the hub notices
        BoundedMllpComponent mllp = hub.bean("mllpComponent", BoundedMllpComponent.class);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mllp.openConnections() == 0);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                silent.add(new Socket("127.0.0.1", hub.mllpPort()));
            }
            // The silent ones hold every first-read thread until the hub gives up on them (after the 1 s read
            // timeout); one more must not get a thread of its own, and must not be left waiting either.
            try (Socket extra = new Socket("127.0.0.1", hub.mllpPort())) {
                extra.setSoTimeout(500);
                assertThat(MllpTestClient.closedByPeer(extra.getInputStream())).isTrue();
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
        answeredAaOnceAConnectionIsFree("MLLP-LIMIT", "MLIM");
    }

    /** A new connection gets AA for the message once the hub has let go of the earlier ones. */
    private void answeredAaOnceAConnectionIsFree(String controlId, String clm01) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (MllpTestClient client = new MllpTestClient(hub.mllpPort())) {
                assertThat(code(client.send(Dft.message().controlId(controlId).clm01(clm01).build()))).isEqualTo("AA");
            }
        });
    }

    @Test
    void a_connection_beyond_the_limit_is_refused_without_an_answer_and_leaves_nothing_behind() throws Exception {
        MllpTcpServerConsumer listener = (MllpTcpServerConsumer) hub.context().getRoute("mllp-intake").getConsumer();
        // connections of earlier tests are let go as their threads notice the close
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listener.getConsumerRunnables().isEmpty());
        List<MllpTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                MllpTestClient client = new MllpTestClient(hub.mllpPort());
                open.add(client);
                assertThat(code(client.send(Dft.message().controlId("MLLP-FULL-" + i).clm01("MFULL" + i).build())))
                        .isEqualTo("AA");
            }
            // the hub resets the extra connection at once: the connect itself or the send fails, never an ACK
            assertThatThrownBy(() -> {
                try (MllpTestClient extra = new MllpTestClient(hub.mllpPort(), 5000)) {
                    extra.send(Dft.message().controlId("MLLP-EXTRA").clm01("MEXTRA").build());
                }
            }).isInstanceOf(IOException.class);
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(listener.getConsumerRunnables()).hasSize(MAX_CONNECTIONS));
            assertThat(ledger().findByClm01("sunrise", "MEXTRA")).isEmpty();
        } finally {
            for (MllpTestClient client : open) {
                client.close();
            }
        }
        // the EHR sends it again once a connection is free
        answeredAaOnceAConnectionIsFree("MLLP-EXTRA", "MEXTRA");
        assertThat(ledger().findByClm01("sunrise", "MEXTRA")).hasSize(1);
    }
}
