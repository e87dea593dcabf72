package io.claimshub.transport;

import io.claimshub.config.PayerConfig;
import io.claimshub.delivery.DeliveryException;
import io.claimshub.delivery.HttpDelivery;
import io.claimshub.delivery.Secrets;
import io.claimshub.delivery.Transport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * POSTs batch files to one payer's URL with camel-http's producer (Apache HttpClient underneath); what
 * the answer means is {@link HttpDelivery}'s. Camel is told not to throw on an error status, so a 4xx
 * and a 5xx both come back as answers, and the client neither follows redirects nor retries by itself:
 * the payer's retry policy is the one retry loop. TLS trusts the payer's trustStoreFile when one is
 * given, else the JVM's default trust store.
 */
final class HttpProducerTransport implements Transport {

    private final CamelContext context;
    private final PayerConfig payer;
    private final PayerConfig.Delivery.Http delivery;
    private final Secrets secrets;
    private Producer producer;

    HttpProducerTransport(CamelContext context, PayerConfig payer, PayerConfig.Delivery.Http delivery,
                          UnaryOperator<String> environment) {
        this.context = context;
        this.payer = payer;
        this.delivery = delivery;
        this.secrets = new Secrets(environment);
    }

    @Override
    public Sent send(Path file, String remoteName) throws DeliveryException {
        if (!Files.isRegularFile(file)) {
            throw DeliveryException.rejected("file " + file + " is missing", null);
        }
        String authorization = HttpDelivery.authorization(payer, delivery.auth(), secrets);
        Producer producer = producer();
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getIn().setBody(file.toFile());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, HttpDelivery.CONTENT_TYPE);
        exchange.getIn().setHeader(HttpDelivery.FILE_HEADER, remoteName);
        if (authorization != null) {
            exchange.getIn().setHeader("Authorization", authorization);
        }
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Throwable failure = exchange.getException();
        if (failure != null) {
            IOException io = ioCause(failure).orElseThrow(() -> new IllegalStateException(
                    "HTTP delivery to payer " + payer.id() + " broke: " + failure, failure));
            throw HttpDelivery.failed(payer, delivery.sending().readTimeout().toMillis(), io);
        }
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        return HttpDelivery.answer(payer, delivery.url(), status, exchange.getMessage().getBody(String.class));
    }

    private static Optional<IOException> ioCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    /** The payer's endpoint and producer, made on the first file (a trust store problem is that attempt's error). */
    private Producer producer() throws DeliveryException {
        if (producer != null) {
            return producer;
        }
        Map<String, Object> options = new HashMap<>();
        options.put("httpMethod", "POST");
        options.put("throwExceptionOnFailure", false);
        options.put("followRedirects", false);
        options.put("connectTimeout", String.valueOf(delivery.sending().connectTimeout().toMillis()));
        options.put("responseTimeout", String.valueOf(delivery.sending().readTimeout().toMillis()));
        options.put("soTimeout", String.valueOf(delivery.sending().readTimeout().toMillis()));
        options.put("httpClientConfigurer", (HttpClientConfigurer) builder -> builder.disableAutomaticRetries());
        if (delivery.trustStoreFile() != null) {
            options.put("sslContextParameters", trustStore());
        }
        String url = delivery.url();
        try {
            producer = PayerProducers.start(context, url.startsWith("https:") ? "https" : "http", url, options);
            return producer;
        } catch (Exception e) {
            throw DeliveryException.retryable("cannot set up HTTP delivery to payer " + payer.id() + " URL: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private SSLContextParameters trustStore() throws DeliveryException {
        Path file = delivery.trustStoreFile();
        char[] password = delivery.trustStorePasswordEnv() == null ? null
                : secrets.fromEnv(delivery.trustStorePasswordEnv(), "trust store password of payer " + payer.id()).toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            // PKCS12 is the default type; Java 17 also reads JKS files through it.
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            KeyStoreParameters keys = new KeyStoreParameters();
            keys.setKeyStore(store);
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(keys);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trust);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw DeliveryException.retryable("cannot load trustStoreFile " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    @Override
    public void close() {
        PayerProducers.stop(producer);
        producer = null;
    }
}
