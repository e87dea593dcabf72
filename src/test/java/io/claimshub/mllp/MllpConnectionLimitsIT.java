package io.claimshub.mllp;

import io.claimshub.testing.LogCapture;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Senders that hold connections without sending a message must not lock the others out. Two hubs:
 * {@code shipped} keeps the shipped limits (20 connections, 5 per address, 4 kept for other senders, 5 s
 * for a connection's first byte, 30 s for a frame); {@code quick} has short deadlines so a test can
 * watch them cut. Each sender plays from a loopback address of its own (127.0.0.x).
 */
class MllpConnectionLimitsIT {

    @TempDir
    static Path shippedDir;
    @TempDir
    static Path quickDir;
    static HubHarness shipped;
    static HubHarness quick;

    @BeforeAll
    static void start() throws Exception {
        shipped = new HubHarness(shippedDir).withConfig("e2e/config").start();
        quick = new HubHarness(quickDir).withConfig("e2e/config")
                .withProperty("claimshub.mllp.first-byte-timeout", "1000")
                .withProperty("claimshub.mllp.frame-timeout", "3000")
                .withProperty("claimshub.mllp.receive-timeout", "250")
                .withProperty("claimshub.mllp.read-timeout", "1000").start();
    }

    @AfterAll
    static void stop() {
        shipped.stop();
        quick.stop();
    }

    @Test
    void twenty_idle_and_twenty_dribbling_connections_leave_a_good_client_answered_aa_within_5_s() throws Exception {
        try (Attack idle = Attack.idle("127.0.0.2", 20, shipped.mllpPort());
             Attack dribbling = Attack.dribbling("127.0.0.3", 20, shipped.mllpPort())) {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> idle.connections() >= 20 && dribbling.connections() >= 20);
            // Longer than the first-byte deadline: the attackers are cut and come back meanwhile.
            long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            int round = 0;
            while (System.nanoTime() < until) {
                long start = System.nanoTime();
                try (MllpTestClient ehr = MllpTestClient.from("127.0.0.1", shipped.mllpPort(), 5000)) {
                    String ack = ehr.send(Dft.message().controlId("GOOD-" + round).clm01("GOOD" + round).build());
                    assertThat(code(ack)).as("round %d", round).isEqualTo("AA");
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("round %d", round)
                        .isLessThan(Duration.ofSeconds(5));
                round++;
            }
        }
        assertThat(metrics(shipped)).contains("mllp_connections_refused_total{reason=\"address_limit\"}");
    }

    /**
     * camel-mllp listens with a queue of 5 connection attempts: when more EHRs connect at once than its
     * accept thread takes in time (8 under load), the kernel drops the surplus handshakes and the sender's
     * first message waits for TCP's 1 s retransmission (BENCHMARKS.md, "A 1 s ACK per run").
     */
    @Test
    void the_listener_queues_as_many_connection_attempts_as_it_serves_connections() {
        MllpEndpoint endpoint = (MllpEndpoint) shipped.context().getRoute("mllp-intake").getEndpoint();
        int maxConnections = Integer.parseInt(shipped.context().resolvePropertyPlaceholders("{{claimshub.mllp.max-connections}}"));
        assertThat(maxConnections).isEqualTo(20);
        assertThat(endpoint.getConfiguration().getBacklog()).isEqualTo(maxConnections);
    }

    @Test
    void one_address_gets_at_most_five_connections_and_the_last_four_free_ones_wait_for_other_senders() throws Exception {
        MllpTcpServerConsumer listener = (MllpTcpServerConsumer) shipped.context().getRoute("mllp-intake").getConsumer();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> listener.getConsumerRunnables().isEmpty());
        List<MllpTestClient> open = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                open.add(answeredAa("127.0.0.5", "ADDR-" + i));
            }
            assertThat(refused("127.0.0.5")).as("a sixth from the same address").isTrue();
            // 5 + 5 + 5 + 1 = 16 open: only the 4 kept back are free, and they are not for a sender with one open.
            for (int i = 0; i < 5; i++) {
                open.add(answeredAa("127.0.0.6", "RES6-" + i));
                open.add(answeredAa("127.0.0.7", "RES7-" + i));
            }
            open.add(answeredAa("127.0.0.8", "RES8-0"));
            assertThat(refused("127.0.0.8")).as("a second from 127.0.0.8").isTrue();
            open.add(answeredAa("127.0.0.9", "NEWCOMER"));
            assertThat(log.text())
                    .contains("MLLP connection from 127.0.0.5 refused: it already has 5 connections open"
                            + " (claimshub.mllp.max-connections-per-address)")
                    .contains("MLLP connection from 127.0.0.8 refused: the last 4 free connections are kept for"
                            + " senders without one (claimshub.mllp.reserved-connections)");
        } finally {
            for (MllpTestClient client : open) {
                client.close();
            }
        }
        assertThat(metrics(shipped)).contains("mllp_connections_refused_total{reason=\"reserved_for_others\"}");
    }

    @Test
    void a_connection_that_sends_nothing_is_cut_after_the_first_byte_timeout_with_a_log_line_and_a_metric() throws Exception {
        try (LogCapture log = new LogCapture(); Socket silent = MllpTestClient.connectFrom("127.0.0.10", quick.mllpPort())) {
            long start = System.nanoTime();
            silent.setSoTimeout(10_000);
            assertThat(MllpTestClient.closedByPeer(silent.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.text()).contains(
                    "MLLP connection from 127.0.0.10 cut: nothing received within 1000 ms of connecting"
                            + " (claimshub.mllp.first-byte-timeout)"));
        }
        assertThat(metrics(quick)).contains("mllp_connections_cut_total{reason=\"first_byte_timeout\"}");
    }

    @Test
    void a_frame_dribbled_a_byte_at_a_time_is_cut_at_the_frame_timeout_and_the_next_connection_is_served() throws Exception {
        try (LogCapture log = new LogCapture(); Socket slow = MllpTestClient.connectFrom("127.0.0.11", quick.mllpPort())) {
            byte[] frame = ("\u000b" + Dft.message().controlId("SLOW-1").clm01("SLOW1").build()).getBytes();
            OutputStream out = slow.getOutputStream();
            long start = System.nanoTime();
            boolean closed = false;
            // a byte every 300 ms: well inside the 1 s read timeout, so only the frame deadline can end it
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write(frame[i]);
                    out.flush();
                    slow.setSoTimeout(300);
                    closed = MllpTestClient.closedByPeer(slow.getInputStream());
                } catch (SocketException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("cut before 40 bytes (12 s)").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.text()).contains(
                    "MLLP connection from 127.0.0.11 cut: a message took longer than 3000 ms to arrive"
                            + " (claimshub.mllp.frame-timeout)"));
        }
        assertThat(metrics(quick)).contains("mllp_connections_cut_total{reason=\"frame_timeout\"}");
        try (MllpTestClient next = MllpTestClient.from("127.0.0.11", quick.mllpPort(), 5000)) {
            assertThat(code(next.send(Dft.message().controlId("SLOW-2").clm01("SLOW2").build()))).isEqualTo("AA");
        }
    }

    /** True when the hub resets a new connection from {@code from} at once (it may do so before connect returns). */
    private static boolean refused(String from) throws IOException {
        try (Socket socket = MllpTestClient.connectFrom(from, shipped.mllpPort())) {
            socket.setSoTimeout(2000);
            return MllpTestClient.closedByPeer(socket.getInputStream());
        } catch (SocketException resetWhileConnecting) {
            return true;
        }
    }

    private static MllpTestClient answeredAa(String from, String controlId) throws IOException {
        MllpTestClient client = MllpTestClient.from(from, shipped.mllpPort(), 10_000);
        assertThat(code(client.send(Dft.message().controlId(controlId).clm01(controlId.replace("-", "")).build())))
                .as("%s from %s", controlId, from).isEqualTo("AA");
        return client;
    }

    private static String metrics(HubHarness hub) throws Exception {
        return hub.observe("/metrics").body();
    }

    /**
     * Connections from one address that never complete a message: each thread opens one, holds it (idle,
     * or writing one byte of a frame every 2 s) until the hub lets go, and opens the next.
     */
    private static final class Attack implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private final List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());

        static Attack idle(String from, int n, int port) {
            return new Attack(from, n, port, false);
        }

        static Attack dribbling(String from, int n, int port) {
            return new Attack(from, n, port, true);
        }

        private Attack(String from, int n, int port, boolean dribble) {
            for (int i = 0; i < n; i++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try (Socket socket = MllpTestClient.connectFrom(from, port)) {
                            sockets.add(socket);
                            connections.incrementAndGet();
                            hold(socket, dribble);
                        } catch (IOException refusedOrCut) {
                            // the hub let go: open the next one
                        }
                    }
                }, "attack-" + from + "-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        private void hold(Socket socket, boolean dribble) throws IOException {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(2000);
            if (dribble) {
                out.write(MllpTestClient.START);
            }
            while (running.get()) {
                try {
                    if (in.read() < 0) {
                        return;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    if (dribble) {
                        out.write('M');
                    }
                }
            }
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            for (Thread thread : threads) {
                thread.join(5000);
            }
        }
    }
}
