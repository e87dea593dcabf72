package io.claimshub.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers 837P files like a clearinghouse: a TA1 when the envelope is broken, else a 999 at once, a
 * 277CA for the accepted transaction sets, and {@code remitAfter} later an 835 for the accepted claims.
 * Replies go to the outbound folder named after the received file: {@code <name>.999}, {@code .277},
 * {@code .835}, {@code .ta1}. Logs file names and control numbers only.
 */
public final class ClearinghouseReplies implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClearinghouseReplies.class);

    private final Claim837Reader reader = new Claim837Reader();
    private final Ack999Writer ack999 = new Ack999Writer();
    private final Ta1Writer ta1 = new Ta1Writer();
    private final Ack277CAWriter ack277;
    private final Remit835Writer remit835;
    private final OutboundFolder outbound;
    private final Duration remitAfter;
    private final Clock clock;
    private final AtomicLong controlNumbers;
    private final ScheduledExecutorService remits = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "payer-simulator-835");
        thread.setDaemon(true);
        return thread;
    });

    public ClearinghouseReplies(SimulatorConfig config, Clock clock) {
        this.ack277 = new Ack277CAWriter(config.rules(), config.payerName(), config.payerId());
        this.remit835 = new Remit835Writer(config.rules(), config.payerName(), config.payerId());
        this.outbound = new OutboundFolder(config.outbound());
        this.remitAfter = config.remitAfter();
        this.clock = clock;
        // Reply ISA13s differ between runs without a counter file: start from the time of day.
        this.controlNumbers = new AtomicLong(clock.millis() / 1000 % 86_400 * 1000);
    }

    /**
     * Answers one received file.
     *
     * @param name the received file's name, used for the reply names
     * @return the immediate answer (999 or TA1), also written to the outbound folder
     * @throws Unreadable837Exception when the file has no readable ISA
     */
    public byte[] receive(String name, byte[] file) throws Unreadable837Exception {
        Received837 received = reader.read(file);
        String base = baseName(name);
        LocalDateTime now = LocalDateTime.now(clock);
        if (!received.interchangeErrors().isEmpty()) {
            byte[] answer = ta1.write(received, controlNumbers.incrementAndGet(), now);
            outbound.write(base + ".ta1", answer);
            LOG.info("{}: ISA13 {} rejected with TA1 {}", name, received.envelope().controlNumber(),
                    received.interchangeErrors().get(0));
            return answer;
        }
        byte[] answer = ack999.write(received, controlNumbers.incrementAndGet(), now);
        outbound.write(base + ".999", answer);
        long rejectedSets = received.groups().stream().flatMap(g -> g.sets().stream()).filter(s -> !s.accepted()).count();
        LOG.info("{}: ISA13 {} acknowledged with 999 ({} transaction set(s) rejected)", name,
                received.envelope().controlNumber(), rejectedSets);
        byte[] claimAck = ack277.write(received, controlNumbers.incrementAndGet(), now);
        if (claimAck != null) {
            outbound.write(base + ".277", claimAck);
            long remitControl = controlNumbers.incrementAndGet();
            remits.schedule(() -> remit(name, base, received, remitControl), remitAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
        return answer;
    }

    private void remit(String name, String base, Received837 received, long controlNumber) {
        try {
            byte[] remit = remit835.write(received, controlNumber, LocalDateTime.now(clock));
            if (remit != null) {
                outbound.write(base + ".835", remit);
                LOG.info("{}: 835 written for ISA13 {}", name, received.envelope().controlNumber());
            }
        } catch (RuntimeException e) {
            LOG.error("{}: cannot write the 835 for ISA13 {}: {}", name, received.envelope().controlNumber(),
                    e.getMessage(), e);
        }
    }

    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public void close() {
        remits.shutdownNow();
    }
}
