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
 *
 * <p>A unit may also carry an input of type {@code I} for a {@link Together} writer: the writer first
 * writes the inputs it can decide on its own in a few statements for the whole group (on PostgreSQL a
 * round trip per statement costs more than the statement), and only the units it leaves run alone, behind
 * their savepoints. Should the writer fail, the group is rolled back and every unit runs alone.
 *
 * @param <I> the input a {@link Together} writer reads
 * @param <O> what it answers for each input it wrote
 */
final class GroupCommit<I, O> {

    /** Writes the units of a group that need not run alone. */
    interface Together<I, O> {
        /**
         * @param inputs     the group's inputs, in arrival order
         * @param wholeGroup whether they are the whole group (every unit has an input). Then, if the writer
         *                   answers every input, nothing else runs in the transaction, and the writer may commit
         *                   it in its last round trip: the group's own commit then sends nothing more.
         * @return per input, in the same order, its answer, or null for a unit that must run alone: the
         *         writer leaves alone every unit whose outcome depends on an earlier unit of the group, so that
         *         writing the others first changes nothing that unit sees
         */
        List<O> write(Connection connection, List<I> inputs, boolean wholeGroup) throws SQLException;
    }

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
    private final Together<I, O> together;
    /** Submissions: a list of units is never split between two groups. */
    private final BlockingQueue<List<Unit<I, ?>>> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private boolean running;

    /**
     * @param input    for the {@link Together} writer; null for work that always runs alone
     * @param deferred whether it was moved to a later group once already (after a deadlock)
     */
    private record Unit<I, T>(I input, Jdbc.Work<T> work, CompletableFuture<T> result, boolean deferred) {
        Unit<I, T> deferredOnce() {
            return new Unit<>(input, work, result, true);
        }

        void fail(Throwable e) {
            result.completeExceptionally(e);
        }
    }

    GroupCommit(DataSource dataSource) {
        this(dataSource, DEFAULT_WAIT);
    }

    GroupCommit(DataSource dataSource, Duration wait) {
        this(dataSource, wait, null);
    }

    GroupCommit(DataSource dataSource, Duration wait, Together<I, O> together) {
        this.dataSource = dataSource;
        this.wait = wait;
        this.together = together;
        this.diskSync = new DiskSync();
    }

    /** Runs the work in the next group and returns its result once the group is committed. */
    <T> T run(Jdbc.Work<T> work) {
        Unit<I, T> unit = new Unit<>(null, work, new CompletableFuture<>(), false);
        submit(List.of(unit));
        return answer(unit);
    }

    /**
     * Hands the input to the group's {@link Together} writer, or runs {@code alone} for it when the writer
     * leaves it; returns the answer once the group is committed.
     */
    O run(I input, Jdbc.Work<O> alone) {
        return runAll(List.of(input), in -> alone).get(0);
    }

    /** As {@link #run(Object, Jdbc.Work)} for each input, in order, all in the same group. */
    List<O> runAll(List<I> inputs, java.util.function.Function<I, Jdbc.Work<O>> alone) {
        List<Unit<I, O>> units = inputs.stream()
                .map(input -> new Unit<>(input, alone.apply(input), new CompletableFuture<O>(), false)).toList();
        submit(new ArrayList<>(units));
        List<O> answers = new ArrayList<>(units.size());
        for (Unit<I, O> unit : units) {
            answers.add(answer(unit));
        }
        return answers;
    }

    private void submit(List<Unit<I, ?>> units) {
        queue.add(units);
        synchronized (lifecycle) {
            if (!running) {
                running = true;
                Thread thread = new Thread(this::loop, "ledger-group-commit");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private <T> T answer(Unit<I, T> unit) {
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
        List<Unit<I, ?>> group = new ArrayList<>();
        while (true) {
            List<Unit<I, ?>> first;
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
            group.addAll(first);
            List<Unit<I, ?>> next;
            while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
                group.addAll(next);
            }
            commit(group);
        }
    }

    private void commit(List<Unit<I, ?>> group) {
        List<Runnable> answers = new ArrayList<>(group.size());
        List<Unit<I, ?>> later = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            DiskSync.forget();
            try {
                List<O> written = writeTogether(connection, group);
                for (int i = 0; i < group.size(); i++) {
                    Unit<I, ?> unit = group.get(i);
                    Runnable answer = written.get(i) != null ? answerWith(unit, written.get(i)) : runOne(connection, unit);
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
        later.forEach(unit -> queue.add(List.of(unit)));
    }

    /**
     * Lets the {@link Together} writer write the units with an input; returns the answers by position in the
     * group, null for each unit that runs alone. Should it fail (another hub on the same PostgreSQL ledger
     * may have committed one of the keys meanwhile, or broken a deadlock), nothing of it stays and every unit
     * runs alone: that path sees the other hub's rows and handles its deadlocks.
     */
    private List<O> writeTogether(Connection connection, List<Unit<I, ?>> group) throws SQLException {
        List<O> answers = new ArrayList<>(java.util.Collections.nCopies(group.size(), null));
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (group.get(i).input() != null) {
                positions.add(i);
            }
        }
        if (together == null || positions.isEmpty()) {
            return answers;
        }
        List<O> written;
        try {
            written = together.write(connection, positions.stream().map(i -> group.get(i).input()).toList(),
                    positions.size() == group.size());
        } catch (SQLException e) {
            connection.rollback();
            return answers;
        }
        for (int k = 0; k < positions.size(); k++) {
            answers.set(positions.get(k), written.get(k));
        }
        return answers;
    }

    /** A unit with an input is always a {@code Unit<I, O>} (see {@link #runAll}). */
    @SuppressWarnings("unchecked")
    private Runnable answerWith(Unit<I, ?> unit, O answer) {
        return () -> ((Unit<I, O>) unit).result().complete(answer);
    }

    /**
     * Runs one unit behind a savepoint; returns how to answer its caller once the group is committed, or
     * null when the unit goes to the next group instead: PostgreSQL broke a deadlock with another hub's
     * group by failing it (two groups taking the same two keys in opposite order). The lock it waited for
     * is held by this group's earlier units, so it can only succeed after this group commits.
     */
    private static <I, T> Runnable runOne(Connection connection, Unit<I, T> unit) throws SQLException {
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
    private static <I, T> T runChecked(Connection connection, Unit<I, T> unit, Savepoint savepoint) throws SQLException {
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
