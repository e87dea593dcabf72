package io.claimshub.clinicreturn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs a claim status record (JSON) to a clinic's webhook. 2xx is delivered; 408, 429, 5xx, timeouts
 * and connection errors are retried; any other status is permanent (the clinic must fix its endpoint).
 * Response bodies are not read into logs or errors: they could echo the record.
 */
public final class WebhookSender implements NoticeSender {

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    @Override
    public void send(Notice notice) throws NoticeFailure {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notice.target()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-ClaimsHub-Notice", notice.id())
                .POST(HttpRequest.BodyPublishers.ofString(notice.body(), StandardCharsets.UTF_8))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new NoticeFailure("webhook not reachable: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoticeFailure("interrupted", true);
        }
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new NoticeFailure("webhook answered HTTP " + status, retryable);
    }
}
