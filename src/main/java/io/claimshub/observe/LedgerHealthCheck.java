package io.claimshub.observe;

import io.claimshub.ledger.LedgerFile;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness: the hub is ready only while the ledger answers {@code SELECT 1} within {@code timeout}
 * through the ledger's own pool, and (H2) while its file is still the one the hub opened. Without the ledger no claim can be recorded, so a load balancer or
 * Kubernetes should stop sending work. Not a liveness check: a restart does not bring a database back.
 *
 * <p>The query runs on a thread of its own so that a pool waiting for a connection (30 s by default)
 * cannot hold the probe longer than {@code timeout}.
 */
public final class LedgerHealthCheck extends AbstractHealthCheck implements AutoCloseable {

    private final DataSource dataSource;
    private final Optional<LedgerFile> ledgerFile;
    private final Duration timeout;
    private final ExecutorService probes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ledger-health");
        thread.setDaemon(true);
        return thread;
    });

    public LedgerHealthCheck(DataSource dataSource, Duration timeout) {
        this(dataSource, Optional.empty(), timeout);
    }

    /** @param ledgerFile an H2 ledger's file: not ready while it is deleted or replaced */
    public LedgerHealthCheck(DataSource dataSource, Optional<LedgerFile> ledgerFile, Duration timeout) {
        super("claimshub", "ledger");
        this.dataSource = dataSource;
        this.ledgerFile = ledgerFile;
        this.timeout = timeout;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> fileProblem = ledgerFile.flatMap(LedgerFile::problem);
        if (fileProblem.isPresent()) {
            builder.message(fileProblem.get());
            builder.down();
            return;
        }
        long started = System.nanoTime();
        Future<?> probe = probes.submit(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                statement.execute("SELECT 1");
            }
            return null;
        });
        try {
            probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.detail("ledger.responseMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            builder.up();
        } catch (TimeoutException e) {
            probe.cancel(true);
            // a database that went away shows here too: the pool keeps trying to connect for longer than this
            builder.message("the ledger is not answering: no reply to SELECT 1 within " + timeout.toMillis() + " ms");
            builder.down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted while checking the ledger");
            builder.down();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // The driver's message names the host and port, never claim data.
            builder.message("the ledger is unreachable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            builder.down();
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
