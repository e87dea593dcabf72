package io.claimshub.ledger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the units of work that callers hand in concurrently in one transaction and one commit, and
 * answers each caller only after that commit. On H2 a commit rewrites every changed page, and on
 * PostgreSQL it is an fsync: sharing it between the claims that arrive together is what keeps the
 * per-message commit from being the intake's bottleneck. Each unit runs behind its own savepoint, so
 * one that fails is rolled back alone and reported to its caller only.
 *
 * <p>One thread (started on demand, gone after a second idle) does the work, so the units also run
 * one after another: a unit sees everything the units before it wrote.
 */
final class GroupCommit {

    private static final int MAX_GROUP = 64;
    /** SQL state of a unique key violation (PostgreSQL and H2 alike). */
    private static final String UNIQUE_VIOLATION = "23505";
    /** SQL state of a transaction PostgreSQL chose to break a deadlock. */
    private static final String DEADLOCK = "40P01";
    private static final long IDLE_MILLIS = 1000;

    /** How long a caller waits for its commit; an MLLP sender gets no ACK after that and resends. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final DiskSync diskSync;
    private final Duration wait;
    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private boolean running;

    /** @param deferred whether it was moved to a later group once already (after a deadlock) */
    private record Unit<T>(Jdbc.Work<T> work, CompletableFuture<T> result, boolean deferred) {
        Unit<T> deferredOnce() {
            return new Unit<>(work, result, true);
        }

        void fail(Throwable e) {
            result.completeExceptionally(e);
        }
    }

    GroupCommit(DataSource dataSource) {
        this(dataSource, DEFAULT_WAIT);
    }

    GroupCommit(DataSource dataSource, Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
        this.diskSync = new DiskSync();
    }

    /** Runs the work in the next group and returns its result once the group is committed. */
    <T> T run(Jdbc.Work<T> work) {
        Unit<T> unit = new Unit<>(work, new CompletableFuture<>(), false);
        queue.add(unit);
        synchronized (lifecycle) {
            if (!running) {
                running = true;
                Thread thread = new Thread(this::loop, "ledger-group-commit");
                thread.setDaemon(true);
                thread.start();
            }
        }
        try {
            // Bounded: should the database stop answering, callers fail (and are retried by their
            // senders) instead of piling up behind a commit that never comes.
            return unit.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LedgerException("the ledger did not commit within " + wait.toSeconds()
                    + " s; nothing was acknowledged for this work");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new LedgerException(sql);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new LedgerException("ledger work failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for the ledger commit");
        }
    }

    private void loop() {
        List<Unit<?>> group = new ArrayList<>();
        while (true) {
            Unit<?> first;
            try {
                first = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                synchronized (lifecycle) {
                    if (queue.isEmpty()) {
                        running = false;
                        return;
                    }
                }
                continue;
            }
            group.clear();
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            commit(group);
        }
    }

    private void commit(List<Unit<?>> group) {
        List<Runnable> answers = new ArrayList<>(group.size());
        List<Unit<?>> later = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            DiskSync.forget();
            try {
                for (Unit<?> unit : group) {
                    Runnable answer = runOne(connection, unit);
                    if (answer == null) {
                        later.add(unit.deferredOnce());
                    } else {
                        answers.add(answer);
                    }
                }
                connection.commit();
                // every caller is answered only once the group is on the disk
                diskSync.afterCommit(connection);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            group.forEach(unit -> unit.fail(e));
            return;
        }
        answers.forEach(Runnable::run);
        queue.addAll(later);
    }

    /**
     * Runs one unit behind a savepoint; returns how to answer its caller once the group is committed, or
     * null when the unit goes to the next group instead: PostgreSQL broke a deadlock with another hub's
     * group by failing it (two groups taking the same two keys in opposite order). The lock it waited for
     * is held by this group's earlier units, so it can only succeed after this group commits.
     */
    private static <T> Runnable runOne(Connection connection, Unit<T> unit) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = runChecked(connection, unit, savepoint);
            return () -> unit.result().complete(result);
        } catch (SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            if (!unit.deferred() && e instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return null;
            }
            return () -> unit.fail(e);
        }
    }

    /**
     * Another hub on the same PostgreSQL ledger may have committed the same key (one clinic's MSH-10,
     * one claim's content) while this unit ran: the unique key refuses the second insert once the first
     * commits. The unit then runs once more, from its savepoint, and sees the other hub's rows: a resend
     * is answered as a duplicate, not as an error.
     */
    private static <T> T runChecked(Connection connection, Unit<T> unit, Savepoint savepoint) throws SQLException {
        try {
            return unit.work().run(connection);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return unit.work().run(connection);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; every caller in the group is told the commit failed
        }
    }
}
