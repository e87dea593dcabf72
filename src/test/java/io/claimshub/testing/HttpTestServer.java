package io.claimshub.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real web server on a free loopback port (the JDK's), standing for a payer that takes claims or a
 * clinic's system that takes notices: it answers on the paths it is given (any other gets the JDK's 404),
 * records every request it answers, and answers with the statuses a test scripts: in turn, the last one
 * repeating ({@link #answering}), or by request number ({@link #answeringEach}); 200 unless told.
 */
public final class HttpTestServer implements AutoCloseable {

    /** A request as the server read it. */
    public record Request(String method, String path, com.sun.net.httpserver.Headers headers, byte[] bytes) {

        /** The body as UTF-8 text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** A request header's first value, or null. */
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /**
     * An answer: its status, its body (empty: none), how long the server waits before giving it, and the
     * Location header of a redirect (null: none).
     */
    public record Reply(int status, String body, long delayMillis, String location) {

        public Reply(int status, String body, long delayMillis) {
            this(status, body, delayMillis, null);
        }

        public static Reply status(int status) {
            return new Reply(status, "", 0);
        }

        /** A redirect, e.g. {@code redirect(307, otherUrl)}. */
        public static Reply redirect(int status, String location) {
            return new Reply(status, "", 0, location);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private volatile IntFunction<Reply> byNumber = n -> Reply.status(200);

    /** Starts a server answering 200 on each of {@code paths} (e.g. {@code "/claims"}). */
    public HttpTestServer(String... paths) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        for (String path : paths) {
            server.createContext(path, this::handle);
        }
        server.start();
    }

    /** Answers with {@code statuses} in turn, one per request; the last one answers every later request. */
    public HttpTestServer answering(int first, int... then) {
        scripted.clear();
        int last = first;
        for (int status : then) {
            scripted.add(Reply.status(last));
            last = status;
        }
        int otherwise = last;
        byNumber = n -> Reply.status(otherwise);
        return this;
    }

    /** Answers request number n (1 = the first) with what {@code reply} gives for n. */
    public HttpTestServer answeringEach(IntFunction<Reply> reply) {
        scripted.clear();
        byNumber = reply;
        return this;
    }

    /** The URL of a path on this server, e.g. {@code http://127.0.0.1:PORT/claims}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request answered so far, in the order they came. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of every request answered so far, as UTF-8 text, in the order they came. */
    public List<String> bodies() {
        return requests().stream().map(Request::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
        int number;
        synchronized (requests) {
            requests.add(request);
            number = requests.size();
        }
        Reply scriptedReply = scripted.poll();
        Reply reply = scriptedReply != null ? scriptedReply : byNumber.apply(number);
        sleep(reply.delayMillis());
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.location() != null) {
            exchange.getResponseHeaders().add("Location", reply.location());
        }
        try {
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // the client gave up waiting: a slow server is what some tests are about
        } finally {
            exchange.close();
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis); // the server being slow is what the test asks for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
