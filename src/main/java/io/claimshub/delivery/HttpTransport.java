package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;

/**
 * POSTs batch files to one payer's URL (JDK HttpClient). 2xx is delivered (a 999 or TA1 in the body is
 * handed back to be kept); 408, 429 and 5xx, timeouts and connection errors are retried; any other
 * answer is the payer refusing the file, which is not retried. TLS trusts the payer's trustStoreFile
 * when one is given, else the JVM's default trust store.
 */
final class HttpTransport implements Transport {

    private static final int MOST_ANSWER_CHARS = 300;

    private final PayerConfig payer;
    private final PayerConfig.Delivery.Http delivery;
    private final Secrets secrets;
    private HttpClient client;

    HttpTransport(PayerConfig payer, PayerConfig.Delivery.Http delivery, Secrets secrets) {
        this.payer = payer;
        this.delivery = delivery;
        this.secrets = secrets;
    }

    @Override
    public Sent send(Path file, String remoteName, boolean resumed) throws DeliveryException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(delivery.sending().readTimeout())
                    .header("Content-Type", "application/edi-x12")
                    .header("X-Claimshub-File", remoteName)
                    .POST(HttpRequest.BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw DeliveryException.rejected("file " + file + " is missing", null);
        }
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        String target = "payer " + payer.id() + " URL";
        HttpResponse<String> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable("no answer from " + target + " within " + delivery.sending().readTimeout().toMillis()
                    + " ms", e);
        } catch (ConnectException e) {
            throw DeliveryException.retryable("cannot connect to " + target + ": " + e.getClass().getSimpleName(), e);
        } catch (IOException e) {
            throw DeliveryException.retryable("HTTP exchange with " + target + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted while sending to " + target, e);
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return new Sent(delivery.url(), "HTTP " + status, reply(body));
        }
        String answer = snippet(body);
        if (status >= 500 || status == 408 || status == 429) {
            throw DeliveryException.retryable("HTTP " + status + " from " + target, answer);
        }
        throw DeliveryException.rejected("HTTP " + status + " from " + target + ": the payer refused the file", answer);
    }

    private String authorization() throws DeliveryException {
        PayerConfig.Auth auth = delivery.auth();
        if (auth == null) {
            return null;
        }
        if (auth instanceof PayerConfig.Auth.Bearer bearer) {
            return "Bearer " + secrets.fromEnv(bearer.tokenEnv(), "HTTP token of payer " + payer.id());
        }
        PayerConfig.Auth.Basic basic = (PayerConfig.Auth.Basic) auth;
        String user = secrets.fromEnv(basic.usernameEnv(), "HTTP user of payer " + payer.id());
        String password = secrets.fromEnv(basic.passwordEnv(), "HTTP password of payer " + payer.id());
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpClient client() throws DeliveryException {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(delivery.sending().connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (delivery.trustStoreFile() != null) {
                builder.sslContext(sslContext());
            }
            client = builder.build();
        }
        return client;
    }

    private SSLContext sslContext() throws DeliveryException {
        Path file = delivery.trustStoreFile();
        char[] password = delivery.trustStorePasswordEnv() == null ? null
                : secrets.fromEnv(delivery.trustStorePasswordEnv(), "trust store password of payer " + payer.id()).toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            // PKCS12 is the default type; Java 17 also reads JKS files through it.
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw DeliveryException.retryable("cannot load trustStoreFile " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    /** A 999 or TA1 interchange in the response body, else null. */
    static Reply reply(String body) {
        String text = body.strip();
        if (!text.startsWith("ISA") || text.length() < 106) {
            return null;
        }
        char element = text.charAt(3);
        if (text.contains("ST" + element + "999" + element)) {
            return new Reply("999", text);
        }
        if (text.contains("TA1" + element)) {
            return new Reply("ta1", text);
        }
        return null;
    }

    private static String snippet(String body) {
        String flat = body.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() <= MOST_ANSWER_CHARS ? flat : flat.substring(0, MOST_ANSWER_CHARS) + "...";
    }

    @Override
    public void close() {
        client = null;
    }
}
