package io.claimshub.transport;

import io.claimshub.config.PayerConfig;
import io.claimshub.delivery.DeliveryException;
import io.claimshub.delivery.Transport;
import io.claimshub.pickup.SftpLogin;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.file.FileConstants;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Uploads batch files to one payer's SFTP server with camel-ftp's {@code sftp:} producer (JSch underneath),
 * logged in as {@link SftpLogin} says. The host key must be in the payer's knownHostsFile
 * ({@code strictHostKeyChecking=yes}, always): an unknown or changed key refuses the connection. The
 * producer keeps its connection between files; a kept one that turns out broken is replaced once within
 * the same attempt.
 * <p>
 * With {@code rename: true} a file is written as {@code .<name>.part} ({@code tempFileName}) and renamed
 * when complete, so the payer never picks up half a file, and {@code fileExist=Ignore}: a file already
 * under its final name got there by a rename, so it is this batch, complete (an earlier attempt uploaded
 * it and the hub stopped or lost the line before it could record that), and is not sent again. With
 * {@code rename: false} the final name is written directly and every attempt sends the whole file again.
 */
final class SftpProducerTransport implements Transport {

    private final CamelContext context;
    private final PayerConfig payer;
    private final PayerConfig.Delivery.Sftp delivery;
    private final PayerConfig.SftpAccount account;
    private final UnaryOperator<String> environment;
    private SftpLogin login;
    private Producer producer;
    /** The last upload went through, so the producer holds a connection that may since have gone stale. */
    private boolean connected;

    SftpProducerTransport(CamelContext context, PayerConfig payer, PayerConfig.Delivery.Sftp delivery,
                          UnaryOperator<String> environment) {
        this.context = context;
        this.payer = payer;
        this.delivery = delivery;
        this.account = delivery.account();
        this.environment = environment;
    }

    @Override
    public Sent send(Path file, String remoteName) throws DeliveryException {
        boolean reused = connected;
        connected = false;
        try {
            Sent sent = upload(file, remoteName);
            connected = true;
            return sent;
        } catch (DeliveryException e) {
            if (!reused || !e.retryable()) {
                throw e;
            }
            // The kept connection went stale (the server closed it while idle): one fresh try. The producer
            // dropped it when the write failed; a temporary file it left is written over.
            Sent sent = upload(file, remoteName);
            connected = true;
            return sent;
        }
    }

    private Sent upload(Path file, String remoteName) throws DeliveryException {
        Producer producer = producer();
        String target = join(delivery.directory(), remoteName);
        String where = "sftp://" + account.host() + ":" + account.port() + target;
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getIn().setBody(file.toFile());
        // the whole path as the file name: camel-ftp makes an endpoint's directory relative to the login
        // directory, and the payer's directory may be absolute
        exchange.getIn().setHeader(FileConstants.FILE_NAME, target);
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            throw SftpFailures.explain(exchange.getException(), login, delivery.directory());
        }
        if (exchange.getIn().getHeader(FileConstants.FILE_NAME_PRODUCED) == null) {
            return new Sent(where, "already complete on the server (an earlier attempt renamed it)", null);
        }
        return new Sent(where, delivery.rename() ? "uploaded as ." + remoteName + ".part and renamed" : "uploaded directly", null);
    }

    /** The payer's endpoint and producer, made on the first file (a login problem is that attempt's error). */
    private Producer producer() throws DeliveryException {
        if (producer != null) {
            return producer;
        }
        try {
            login = SftpLogin.forDelivery(payer.id(), account, delivery.directory(), environment);
        } catch (IllegalStateException e) {
            throw DeliveryException.retryable(e.getMessage(), e);
        }
        Map<String, Object> options = new HashMap<>();
        options.put("username", login.username());
        if (login.privateKeyFile() != null) {
            options.put("privateKeyFile", login.privateKeyFile().toString());
        } else {
            options.put("password", login.password());
        }
        options.put("preferredAuthentications", login.authentication());
        options.put("knownHostsFile", login.knownHostsFile().toString());
        options.put("strictHostKeyChecking", "yes");
        options.put("useUserKnownHostsFile", false);
        options.put("autoCreateKnownHostsFile", false);
        long connectTimeout = delivery.sending().connectTimeout().toMillis();
        long readTimeout = delivery.sending().readTimeout().toMillis();
        options.put("connectTimeout", (int) connectTimeout);
        // JSch takes the keep-alive interval as its read timeout too (camel-ftp then skips soTimeout)
        options.put("soTimeout", (int) readTimeout);
        options.put("serverAliveInterval", (int) Math.min(readTimeout, 30_000));
        // one try per attempt: the payer's retry policy is the one retry loop
        options.put("maximumReconnectAttempts", 0);
        options.put("binary", true);
        options.put("stepwise", false);
        options.put("autoCreate", delivery.createDirectory());
        options.put("fastExistsCheck", true);
        options.put("disconnect", false);
        // no keep-alive round trip before each file (it cost ~35 ms a file in SftpDeliveryBenchmark): a kept
        // connection that went stale fails the write, and send() then tries once on a fresh one
        options.put("sendNoop", false);
        if (delivery.rename()) {
            options.put("tempFileName", ".${file:onlyname}.part");
            options.put("fileExist", "Ignore");
        } else {
            options.put("fileExist", "Override");
        }
        String uri = "sftp://" + login.host() + ":" + login.port();
        try {
            producer = PayerProducers.start(context, "sftp", uri, options);
            return producer;
        } catch (Exception e) {
            throw DeliveryException.retryable("cannot set up SFTP delivery to " + login.host() + ":" + login.port()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String join(String directory, String name) {
        if (directory == null || directory.isEmpty()) {
            return name;
        }
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    @Override
    public void close() {
        PayerProducers.stop(producer);
        producer = null;
        connected = false;
    }
}
