package io.claimshub.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's HTTP endpoint: {@code POST /837} with {@code Authorization: Bearer <token>} and an
 * 837P body answers 200 with the 999 (or TA1) in the body; the 277CA and 835 go to the outbound folder.
 * 400 when the body is not X12, 401 without the token, 405 for other methods, 413 over 50 MB.
 */
public final class HttpInbox implements AutoCloseable {

    static final String PATH = "/837";
    private static final Logger LOG = LoggerFactory.getLogger(HttpInbox.class);
    private static final int MAX_BYTES = 50 * 1024 * 1024;

    private final SimulatorConfig config;
    private final ClearinghouseReplies replies;
    private final AtomicLong received = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    public HttpInbox(SimulatorConfig config, ClearinghouseReplies replies) {
        this.config = config;
        this.replies = replies;
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(config.bind(), config.httpPort()), 16);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.start();
        LOG.info("HTTP endpoint on http://{}:{}{}", config.bind(), port(), PATH);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "text/plain", "POST an 837P file to " + PATH + "\n");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] expected = ("Bearer " + config.httpToken()).getBytes(StandardCharsets.UTF_8);
            if (authorization == null || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                send(exchange, 401, "text/plain", "missing or wrong bearer token\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (body.length > MAX_BYTES) {
                send(exchange, 413, "text/plain", "an 837P file over 50 MB is not accepted here\n");
                return;
            }
            String name = "http-" + received.incrementAndGet() + "-" + System.currentTimeMillis() + ".837";
            try {
                send(exchange, 200, "application/edi-x12", replies.receive(name, body));
            } catch (Unreadable837Exception e) {
                LOG.warn("{}: not answered: {}", name, e.getMessage());
                send(exchange, 400, "text/plain", e.getMessage() + "\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        send(exchange, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
