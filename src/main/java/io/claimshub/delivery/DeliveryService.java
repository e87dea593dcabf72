package io.claimshub.delivery;

import io.claimshub.storage.PrivateFiles;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.DeliveryLedger.Delivery;
import io.claimshub.ledger.DeliveryLedger.Started;
import io.claimshub.ledger.LeaseLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Sends the batch files of sftp and http payers, driven by the ledger: each {@link #tick()} queues
 * newly written batches and hands every due one (QUEUED, or SENDING with its next attempt due) to its
 * payer's own worker thread, so a slow or failing payer never holds up another. Files wait in
 * {@code <data>/outgoing/<payer>/}; a delivered one moves to {@code <data>/sent/<payer>/}, one out of
 * attempts (or refused by the payer) to {@code <data>/dead/<payer>/} with a {@code .reason.txt}.
 * A synchronous 999 or TA1 in an HTTP answer goes to {@code <data>/replies/incoming/<payer>/}, where the reply flow reads it.
 */
public final class DeliveryService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final int MOST_DUE_PER_TICK = 200;

    private final PartnerConfig partners;
    private final DeliveryLedger ledger;
    private final Path dataDir;
    private final Clock clock;
    private final RandomGenerator random;
    private final Transports transportsOfPayers;
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> unknownPayersLogged = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile DeliveryEvents events = DeliveryEvents.NONE;

    /** @param transports how files reach each payer (the hub's: Camel's sftp and http producers) */
    public DeliveryService(PartnerConfig partners, DeliveryLedger ledger, Path dataDir, Clock clock, Transports transports) {
        this(partners, ledger, dataDir, clock, RandomGenerator.getDefault(), transports);
    }

    public DeliveryService(PartnerConfig partners, DeliveryLedger ledger, Path dataDir, Clock clock,
                           RandomGenerator random, Transports transports) {
        this.partners = partners;
        this.ledger = ledger;
        this.dataDir = dataDir;
        this.clock = clock;
        this.random = random;
        this.transportsOfPayers = transports;
    }

    /** Who hears of each attempt's outcome (delivery health, metrics). */
    public void listen(DeliveryEvents listener) {
        this.events = listener;
    }

    /** Queues new batch files and starts every due attempt on its payer's worker; returns at once. */
    public void tick() {
        if (closed) {
            return;
        }
        List<String> payerIds = partners.payers().stream().filter(DeliveryService::isSent).map(PayerConfig::id).toList();
        ledger.enqueueWritten(payerIds);
        for (Delivery due : ledger.due(MOST_DUE_PER_TICK)) {
            Optional<PayerConfig> payer = partners.payer(due.payerId()).filter(DeliveryService::isSent);
            if (payer.isEmpty()) {
                if (unknownPayersLogged.add(due.payerId())) {
                    LOG.warn("batch waits for a payer that is no longer an sftp or http payer: payer={} file={}",
                            due.payerId(), due.fileName());
                }
                continue;
            }
            if (inFlight.add(due.batchId())) {
                try {
                    worker(due.payerId()).execute(() -> {
                        try {
                            attempt(payer.get(), due);
                        } finally {
                            inFlight.remove(due.batchId());
                        }
                    });
                } catch (RuntimeException e) {
                    inFlight.remove(due.batchId());
                    if (!closed) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Sends a batch again, by its file name: a fresh set of attempts, the first one now on this thread.
     *
     * @return the delivery as it stands after that attempt
     * @throws IllegalArgumentException when the ledger knows no such file, or it was already delivered
     */
    public Delivery redeliver(String fileName) {
        Delivery delivery = ledger.byFileName(fileName)
                .orElseThrow(() -> new IllegalArgumentException("no batch file named " + fileName + " waits for or failed delivery"));
        if (!ledger.requeue(delivery.batchId())) {
            throw new IllegalArgumentException("file " + fileName + " was already delivered to " + delivery.destination());
        }
        PayerConfig payer = partners.payer(delivery.payerId()).filter(DeliveryService::isSent)
                .orElseThrow(() -> new IllegalArgumentException("payer " + delivery.payerId() + " of file " + fileName
                        + " is not an sftp or http payer in payers.yaml"));
        attempt(payer, ledger.delivery(delivery.batchId()).orElseThrow());
        return ledger.delivery(delivery.batchId()).orElseThrow();
    }

    /** The dead batch files of one payer, oldest first, to redeliver them all. */
    public List<Delivery> deadBatches(String payerId) {
        return ledger.withStatus(payerId, DeliveryLedger.DEAD);
    }

    /** One attempt at one batch, on the calling thread. */
    void attempt(PayerConfig payer, Delivery delivery) {
        Optional<Started> maybeStarted = ledger.startAttempt(delivery.batchId());
        if (maybeStarted.isEmpty()) {
            return;
        }
        Started started = maybeStarted.get();
        try {
            send(payer, delivery, started);
        } catch (LeaseLostException e) {
            // This node froze or lost the ledger past its lease and another hub (or a redelivery) started the
            // delivery again: that attempt's outcome stands, this one moves and records nothing.
            LOG.warn("delivery left to another attempt payer={} file={} attempt={}: {}", payer.id(), delivery.fileName(),
                    started.number(), e.getMessage());
        }
    }

    private void send(PayerConfig payer, Delivery delivery, Started started) {
        PayerConfig.Sending settings = ((PayerConfig.Delivery.Remote) payer.delivery()).sending();
        String remoteName = RemoteNameTemplate.of(settings.fileName(), delivery.fileName(), payer.id(),
                delivery.interchangeControlNumber(), delivery.createdAt());
        Path file = null;
        try {
            file = localFile(delivery);
            if (file == null) {
                throw DeliveryException.rejected("file " + delivery.fileName() + " is missing from "
                        + outgoing(payer.id()) + ", " + dead(payer.id()) + " and " + sent(payer.id()), null);
            }
            Transport.Sent sent = transport(payer).send(file, remoteName);
            String replyNote = "";
            if (sent.reply() != null) {
                Path reply = keepReply(payer.id(), delivery.fileName(), sent.reply());
                replyNote = reply == null ? "; the " + sent.reply().kind() + " in the answer could not be kept"
                        : "; " + sent.reply().kind() + " kept as " + reply.getFileName();
            }
            // The ledger first: a crash before the move leaves a DELIVERED file in outgoing/ (moved nowhere,
            // sent once); the other order could send it twice (an HTTP or direct-write payer has no final
            // name to look for).
            ledger.markDelivered(delivery.batchId(), started.attemptId(), sent.destination(), sent.detail() + replyNote);
            move(file, sent(payer.id()));
            events.delivered(payer.id(), ledger.claimCount(delivery.batchId()), clock.instant());
            LOG.info("batch delivered payer={} file={} attempt={} to={}{}", payer.id(), delivery.fileName(),
                    started.number(), sent.destination(), replyNote);
        } catch (DeliveryException e) {
            events.failed(payer.id(), e.getMessage(), clock.instant());
            RetryPolicy policy = new RetryPolicy(settings.retry(), random);
            if (e.retryable() && !policy.exhausted(started.number()) && !closed) {
                Duration wait = policy.delayAfter(started.number());
                ledger.markFailed(delivery.batchId(), started.attemptId(), e.detail(), clock.instant().plus(wait));
                LOG.warn("delivery attempt failed payer={} file={} attempt={}/{} next in {} ms error={}", payer.id(),
                        delivery.fileName(), started.number(), settings.retry().maxAttempts(), wait.toMillis(), e.getMessage());
            } else if (e.retryable() && closed) {
                ledger.markFailed(delivery.batchId(), started.attemptId(), e.detail(), clock.instant());
            } else {
                deadLetter(payer, delivery, started, file, e);
            }
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            // An unexpected failure (a bug, the ledger gone): retried after the backoff; if even that cannot
            // be recorded the attempt stays open and the next tick or restart takes it up again.
            LOG.error("delivery attempt broke payer={} file={} error={}", payer.id(), delivery.fileName(), e.toString());
            try {
                ledger.markFailed(delivery.batchId(), started.attemptId(), "unexpected: " + e,
                        clock.instant().plus(new RetryPolicy(settings.retry(), random).delayAfter(started.number())));
            } catch (RuntimeException again) {
                LOG.error("cannot record the failed attempt payer={} file={} error={}", payer.id(), delivery.fileName(),
                        again.toString());
            }
        }
    }

    private void deadLetter(PayerConfig payer, Delivery delivery, Started started, Path file, DeliveryException e) {
        Path deadDir = dead(payer.id());
        String outcome = e.retryable() ? "FAILED" : "REJECTED";
        // The file first, the ledger after: once the ledger says DEAD, the file is in the dead-letter area
        // (a crash in between leaves it SENDING, and the next attempt finds the file in dead/).
        // Fenced: the file is not taken from a hub that took the delivery over while this one was frozen.
        ledger.ensureHoldsAttempt(delivery.batchId(), started.attemptId());
        try {
            if (file != null) {
                move(file, deadDir);
            }
            PrivateFiles.writeAtomically(deadDir.resolve(delivery.fileName() + ".reason.txt"), ("file " + delivery.fileName()
                    + " for payer " + payer.id() + " not delivered after " + started.number() + " attempt(s) at "
                    + clock.instant() + ": " + e.detail() + System.lineSeparator()
                    + "Send it again with: java -jar target/claims-hub.jar redeliver " + delivery.fileName()
                    + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException io) {
            LOG.error("cannot move file to the dead-letter area payer={} file={} error={}", payer.id(),
                    delivery.fileName(), io.toString());
        }
        ledger.markDead(delivery.batchId(), started.attemptId(), outcome, e.detail(), deadDir.resolve(delivery.fileName()).toString());
        LOG.error("delivery failed for good, file is in the dead-letter area payer={} file={} attempts={} dead={} error={}",
                payer.id(), delivery.fileName(), started.number(), deadDir, e.getMessage());
    }

    /** The batch file wherever it is: waiting in outgoing/, back from dead/ for a redeliver, or in sent/. */
    private Path localFile(Delivery delivery) throws DeliveryException {
        try {
            return findLocalFile(delivery);
        } catch (IOException e) {
            throw DeliveryException.retryable("cannot prepare local file " + delivery.fileName() + ": " + e, e);
        }
    }

    private Path findLocalFile(Delivery delivery) throws IOException {
        Path outgoing = outgoing(delivery.payerId()).resolve(delivery.fileName());
        if (Files.exists(outgoing)) {
            return outgoing;
        }
        for (Path elsewhere : List.of(dead(delivery.payerId()), sent(delivery.payerId()))) {
            Path file = elsewhere.resolve(delivery.fileName());
            if (Files.exists(file)) {
                PrivateFiles.createDirectories(outgoing.getParent());
                Files.move(file, outgoing, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(elsewhere.resolve(delivery.fileName() + ".reason.txt"));
                return outgoing;
            }
        }
        return null;
    }

    private Path keepReply(String payerId, String fileName, Transport.Reply reply) {
        // read by the payer's reply route on data/replies/incoming/ (PayerReplyRoutes)
        Path inbox = dataDir.resolve("replies").resolve("incoming").resolve(payerId);
        int dot = fileName.lastIndexOf('.');
        String name = (dot > 0 ? fileName.substring(0, dot) : fileName) + "-response." + reply.kind();
        try {
            Path target = inbox.resolve(name);
            PrivateFiles.writeAtomically(target, reply.body().getBytes(StandardCharsets.UTF_8));
            return target;
        } catch (IOException e) {
            // The file is delivered all the same: sending it again would not bring the answer back.
            LOG.error("cannot keep the {} answer payer={} file={} error={}", reply.kind(), payerId, fileName, e.toString());
            return null;
        }
    }

    private static void move(Path file, Path directory) {
        try {
            PrivateFiles.createDirectories(directory);
            Files.move(file, directory.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot move file={} to {} error={}", file.getFileName(), directory, e.toString());
        }
    }

    private Transport transport(PayerConfig payer) {
        return transports.computeIfAbsent(payer.id(), id -> transportsOfPayers.open(payer));
    }

    private ExecutorService worker(String payerId) {
        return workers.computeIfAbsent(payerId, id -> Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "delivery-" + id);
            thread.setDaemon(true);
            return thread;
        }));
    }

    private Path outgoing(String payerId) {
        return dataDir.resolve("outgoing").resolve(payerId);
    }

    private Path dead(String payerId) {
        return dataDir.resolve("dead").resolve(payerId);
    }

    private Path sent(String payerId) {
        return dataDir.resolve("sent").resolve(payerId);
    }

    private static boolean isSent(PayerConfig payer) {
        return payer.delivery() instanceof PayerConfig.Delivery.Remote;
    }

    /** Lets running attempts finish for a while, then closes every connection. */
    @Override
    public void close() {
        closed = true;
        workers.values().forEach(ExecutorService::shutdown);
        Instant until = clock.instant().plusSeconds(10);
        for (ExecutorService worker : workers.values()) {
            try {
                long left = Math.max(0, Duration.between(clock.instant(), until).toMillis());
                if (!worker.awaitTermination(left, TimeUnit.MILLISECONDS)) {
                    worker.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.shutdownNow();
            }
        }
        transports.values().forEach(Transport::close);
    }
}
