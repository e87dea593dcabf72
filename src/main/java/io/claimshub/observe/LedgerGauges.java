package io.claimshub.observe;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.EncounterLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gauges read from the ledger when Prometheus scrapes: {@code claims_pending{payer}} (claims waiting for
 * their payer's batch), {@code claims_ledger{status}} (claims per status), and for charge capture
 * {@code encounters_held} (encounters held, waiting for a payer claim number or parked) and
 * {@code encounters_oldest_held_seconds} (how long the longest waiting one has been unchanged, 0 when none). Each value is cached for
 * {@code maxAge} so a busy scraper costs at most one small query per payer and one GROUP BY per period.
 * While the ledger is unreachable the gauges read NaN (the readiness probe says why); a read that takes
 * longer than {@code timeout} (the pool waits up to 30 s for a connection) also reads NaN, so a scrape
 * never hangs on a dead database.
 */
public final class LedgerGauges {

    private final ClaimQueries ledger;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Cached<Double>> pending = new ConcurrentHashMap<>();
    private volatile Cached<Map<ClaimStatus, Long>> statusCounts;
    private final EncounterLedger encounters;
    private volatile Cached<Double> held;
    private volatile Cached<Double> oldestHeld;
    private final Duration timeout;
    private final ExecutorService reads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ledger-gauges");
        thread.setDaemon(true);
        return thread;
    });

    private record Cached<T>(Instant at, T value) {
    }

    public LedgerGauges(ClaimQueries ledger, DataSource dataSource, Clock clock, Duration maxAge) {
        this(ledger, dataSource, clock, maxAge, Duration.ofSeconds(2));
    }

    public LedgerGauges(ClaimQueries ledger, DataSource dataSource, Clock clock, Duration maxAge, Duration timeout) {
        this.timeout = timeout;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxAge = maxAge;
        this.encounters = new EncounterLedger(dataSource, clock);
    }

    public void register(MeterRegistry registry, Collection<String> payerIds) {
        for (String payer : payerIds) {
            Gauge.builder("claims.pending", () -> pending(payer))
                    .description("Claims that passed the edits and wait for their payer's batch")
                    .tag("payer", payer).register(registry);
        }
        for (ClaimStatus status : ClaimStatus.values()) {
            Gauge.builder("claims.ledger", () -> count(status))
                    .description("Claims in the ledger per status")
                    .tag("status", status.name()).register(registry);
        }
        Gauge.builder("encounters.held", this::held)
                .description("Encounters whose charges wait: held for their bill hold, waiting for a payer claim"
                        + " number, or parked for a clerk").register(registry);
        Gauge.builder("encounters.oldest.held", this::oldestHeldSeconds).baseUnit("seconds")
                .description("How long the longest waiting encounter has been unchanged; 0 when none waits")
                .register(registry);
    }

    double held() {
        Cached<Double> cached = held;
        if (cached == null || isOld(cached.at())) {
            Integer value = within(encounters::countHeld);
            cached = new Cached<>(clock.instant(), value == null ? Double.NaN : value);
            held = cached;
        }
        return cached.value();
    }

    double oldestHeldSeconds() {
        Cached<Double> cached = oldestHeld;
        if (cached == null || isOld(cached.at())) {
            Optional<Instant> oldest = within(encounters::oldestHeld);
            double seconds = oldest == null ? Double.NaN
                    : oldest.map(at -> (double) Duration.between(at, clock.instant()).toSeconds()).orElse(0.0);
            cached = new Cached<>(clock.instant(), seconds);
            oldestHeld = cached;
        }
        return cached.value();
    }

    double pending(String payer) {
        Cached<Double> cached = pending.get(payer);
        if (cached == null || isOld(cached.at())) {
            Double value = within(() -> (double) ledger.countPending(payer));
            cached = new Cached<>(clock.instant(), value == null ? Double.NaN : value);
            pending.put(payer, cached);
        }
        return cached.value();
    }

    double count(ClaimStatus status) {
        Cached<Map<ClaimStatus, Long>> cached = statusCounts;
        if (cached == null || isOld(cached.at())) {
            cached = new Cached<>(clock.instant(), within(this::readStatusCounts));
            statusCounts = cached;
        }
        if (cached.value() == null) {
            return Double.NaN;
        }
        return cached.value().getOrDefault(status, 0L);
    }

    /** The value, or null when the ledger failed or did not answer within the timeout. */
    private <T> T within(Callable<T> read) {
        Future<T> future = reads.submit(read);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(true);
            return null;
        }
    }

    private boolean isOld(Instant at) {
        return !at.plus(maxAge).isAfter(clock.instant());
    }

    private Map<ClaimStatus, Long> readStatusCounts() {
        Map<ClaimStatus, Long> counts = new EnumMap<>(ClaimStatus.class);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status, COUNT(*) FROM claim GROUP BY status")) {
            while (rows.next()) {
                try {
                    counts.put(ClaimStatus.valueOf(rows.getString(1)), rows.getLong(2));
                } catch (IllegalArgumentException unknownStatus) {
                    // a status written by a newer version: not shown until this code knows it
                }
            }
            return counts;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }
}
