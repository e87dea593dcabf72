package io.claimshub.delivery;

import io.claimshub.config.PayerConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a POST of a batch file to an http payer means, whatever client sent it: 2xx is delivered (a 999
 * or TA1 in the body is handed back to be kept); 408, 429 and 5xx, timeouts and connection errors are
 * retried; any other answer is the payer refusing the file, which is not retried. Also the
 * Authorization header the payer's {@code auth} asks for. No Camel here.
 */
public final class HttpDelivery {

    /** The request's Content-Type. */
    public static final String CONTENT_TYPE = "application/edi-x12";
    /** The request header that carries the remote file name. */
    public static final String FILE_HEADER = "X-Claimshub-File";

    private static final int MOST_ANSWER_CHARS = 300;

    private HttpDelivery() {
    }

    /** The Authorization header value for the payer's {@code auth}, or null without one. */
    public static String authorization(PayerConfig payer, PayerConfig.Auth auth, Secrets secrets) throws DeliveryException {
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

    /**
     * @param body the answer's body, or null
     * @return the delivery, for a 2xx
     * @throws DeliveryException retryable for 408, 429 and 5xx, rejected for any other status
     */
    public static Transport.Sent answer(PayerConfig payer, String url, int status, String body) throws DeliveryException {
        String text = body == null ? "" : body;
        if (status >= 200 && status < 300) {
            return new Transport.Sent(url, "HTTP " + status, reply(text));
        }
        String answer = snippet(text);
        if (status >= 500 || status == 408 || status == 429) {
            throw DeliveryException.retryable("HTTP " + status + " from " + target(payer), answer);
        }
        throw DeliveryException.rejected("HTTP " + status + " from " + target(payer) + ": the payer refused the file", answer);
    }

    /** A request that got no answer: all retried, named by what went wrong (never the body). */
    public static DeliveryException failed(PayerConfig payer, long readTimeoutMillis, IOException e) {
        String target = target(payer);
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return DeliveryException.retryable("no answer from " + target + " within " + readTimeoutMillis + " ms", e);
        }
        if (e instanceof ConnectException || e.getClass().getSimpleName().equals("ConnectTimeoutException")) {
            return DeliveryException.retryable("cannot connect to " + target + ": " + e.getClass().getSimpleName(), e);
        }
        return DeliveryException.retryable("HTTP exchange with " + target + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }

    private static String target(PayerConfig payer) {
        return "payer " + payer.id() + " URL";
    }

    /** A 999 or TA1 interchange in the response body, else null. */
    static Transport.Reply reply(String body) {
        String text = body.strip();
        if (!text.startsWith("ISA") || text.length() < 106) {
            return null;
        }
        char element = text.charAt(3);
        if (text.contains("ST" + element + "999" + element)) {
            return new Transport.Reply("999", text);
        }
        if (text.contains("TA1" + element)) {
            return new Transport.Reply("ta1", text);
        }
        return null;
    }

    private static String snippet(String body) {
        String flat = body.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() <= MOST_ANSWER_CHARS ? flat : flat.substring(0, MOST_ANSWER_CHARS) + "...";
    }
}
