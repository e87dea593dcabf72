package io.claimshub.observe;

import io.claimshub.intake.IntakeEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's business counters, for Prometheus at /observe/metrics. Labels are the configured clinic
 * and payer ids only (from clinics.yaml / payers.yaml): never a patient, member id, CLM01 or file name,
 * so a metric can never carry PHI and the number of series stays bounded by the partner config.
 *
 * <p>Micrometer names {@code claims.received} become {@code claims_received_total} in Prometheus.
 */
public final class ClaimMetrics implements IntakeEvents {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> unwritten =
            new ConcurrentHashMap<>();
    /** Each counter by its name and labels, as {@link #counter} was asked for it. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public ClaimMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts nothing anyone reads: the default where no registry is wired (tests, the convert CLI). */
    public static ClaimMetrics disabled() {
        return new ClaimMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A claim or message came in from a clinic (whatever became of it). */
    @Override
    public void received(String clinic) {
        counter("claims.received", "Claims and messages received from clinics", "clinic", clinic).increment();
    }

    /**
     * Failed the edits, or could not be read at all (the clinic's outbox has the reasons), or a live-feed
     * message refused for reusing an MSH-10 (answered AR).
     */
    @Override
    public void rejected(String clinic) {
        counter("claims.rejected", "Claims rejected at intake (edits failed, unreadable, or MSH-10 reused)", "clinic", clinic).increment();
    }

    /** Passed the edits and waits for its payer's batch. */
    @Override
    public void validated(String clinic) {
        counter("claims.validated", "Claims that passed the edits at intake", "clinic", clinic).increment();
    }

    /** The same claim was received before: nothing new was created. */
    @Override
    public void duplicate(String clinic) {
        counter("claims.duplicate", "Claims received again and ignored", "clinic", clinic).increment();
    }

    /**
     * The MLLP listener answered a message with {@code code} (AA, AE or AR). A message whose MSH-4 names no
     * clinic counts as clinic "unknown", which is how a feed sent with the wrong sending facility shows.
     */
    public void mllpAcknowledged(String clinic, String code) {
        counter("mllp.acknowledgements", "HL7 acknowledgements sent by the MLLP listener, by clinic and code",
                "clinic", clinic, "code", code).increment();
    }

    /** The MLLP listener refused a new connection (a limit was reached); {@code reason} is one of a fixed few. */
    public void mllpConnectionRefused(String reason) {
        counter("mllp.connections.refused", "MLLP connections refused at once, by the limit that was reached",
                "reason", reason).increment();
    }

    /** The MLLP listener closed a connection that sent nothing or took too long over a message. */
    public void mllpConnectionCut(String reason) {
        counter("mllp.connections.cut", "MLLP connections closed by the hub for a missed deadline", "reason", reason)
                .increment();
    }

    /** How many batch files of the payer could not be written just now (0 once they are). */
    public void unwrittenBatches(String payer, int batches) {
        unwritten.computeIfAbsent(label(payer), id -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("batches.unwritten", value, AtomicInteger::get)
                    .description("Batch files that could not be written (retried every tick)").tag("payer", id).register(registry);
            return value;
        }).set(batches);
    }

    /** {@code n} claims of one clinic were written into an 837 batch file for a payer. */
    public void batched(String payer, String clinic, int n) {
        counter("claims.batched", "Claims written into an 837 batch file", "payer", payer, "clinic", clinic).increment(n);
    }

    /** A batch file with {@code n} claims reached the payer (or its final folder). */
    public void delivered(String payer, int n) {
        counter("claims.delivered", "Claims in batch files delivered to the payer", "payer", payer).increment(n);
        counter("batches.delivered", "Batch files delivered to the payer", "payer", payer).increment();
    }

    /** One delivery attempt of a batch file failed. */
    public void deliveryFailed(String payer) {
        counter("batches.delivery.failed", "Failed delivery attempts of batch files", "payer", payer).increment();
    }

    /** The payer acknowledged the claim (999 / TA1 accepted). */
    public void acknowledged(String payer, String clinic) {
        counter("claims.acknowledged", "Claims acknowledged by the payer (999)", "payer", payer, "clinic", clinic).increment();
    }

    /** The payer accepted the claim for adjudication (277CA). */
    public void accepted(String payer, String clinic) {
        counter("claims.accepted", "Claims accepted by the payer (277CA)", "payer", payer, "clinic", clinic).increment();
    }

    /** The payer rejected the claim (999 / 277CA rejection). */
    public void payerRejected(String payer, String clinic) {
        counter("claims.payer.rejected", "Claims rejected by the payer", "payer", payer, "clinic", clinic).increment();
    }

    /** The payer paid the claim, fully or in part (835). */
    public void paid(String payer, String clinic) {
        counter("claims.paid", "Claims paid by the payer (835)", "payer", payer, "clinic", clinic).increment();
    }

    /** The payer denied the claim (835). */
    public void denied(String payer, String clinic) {
        counter("claims.denied", "Claims denied by the payer (835)", "payer", payer, "clinic", clinic).increment();
    }

    /** Time from receipt at the hub to the payer's acknowledgment, for one claim. */
    public void recordAcknowledged(String payer, Duration sinceReceipt) {
        Timer.builder("claims.acknowledgment.time")
                .description("Time from receipt of a claim to the payer's acknowledgment")
                .tag("payer", label(payer))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(7))
                .register(registry)
                .record(sinceReceipt.isNegative() ? Duration.ZERO : sinceReceipt);
    }

    private Counter counter(String name, String description, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        for (int i = 0; i < tags.length; i++) {
            key[i + 1] = i % 2 == 1 ? label(tags[i]) : tags[i];
        }
        // Looked up here, not by Micrometer's builder: that sorts the tags and makes a meter id on every call,
        // and the MLLP path counts three times per message.
        return counters.computeIfAbsent(List.of(key), unused -> Counter.builder(name).description(description)
                .tags(Arrays.copyOfRange(key, 1, key.length)).register(registry));
    }

    /** Ids only ever come from the partner config; a missing one is shown as "unknown", never as data. */
    private static String label(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
