package io.claimshub.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shared commits: each caller is answered after the commit, and a failing unit is rolled back alone. */
class GroupCommitTest {

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void units_handed_in_together_are_all_stored_and_a_failing_one_is_rolled_back_alone(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open()) {
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY)");
            }
            GroupCommit<Void, Void> commits = new GroupCommit<>(db.dataSource());
            int callers = 40;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                // every tenth caller writes its row, then breaks the primary key with a second copy of it
                int id = i;
                Callable<String> caller = () -> {
                    start.await();
                    try {
                        return commits.run(connection -> {
                            insert(connection, id);
                            if (id % 10 == 9) {
                                insert(connection, id);
                            }
                            return "stored " + id;
                        });
                    } catch (LedgerException e) {
                        return "failed " + id;
                    }
                };
                answers.add(pool.submit(caller));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get());
            }
            pool.shutdown();

            assertThat(results).filteredOn(r -> r.startsWith("failed")).containsExactlyInAnyOrder(
                    "failed 9", "failed 19", "failed 29", "failed 39");
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*), MAX(id) FROM probe WHERE MOD(id, 10) = 9")) {
                rows.next();
                assertThat(rows.getInt(1)).as("the failing units' own rows are rolled back").isZero();
            }
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM probe")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(36);
            }
        }
    }

    @Test
    void a_caller_whose_commit_does_not_come_in_time_is_told_so_instead_of_waiting_forever() throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target("h2", tempDir);
        try (LedgerDatabase db = target.open()) {
            GroupCommit<Void, Void> commits = new GroupCommit<>(db.dataSource(), java.time.Duration.ofMillis(200));
            CountDownLatch release = new CountDownLatch(1);
            try {
                // the unit stands in for a database that stopped answering
                assertThatThrownBy(() -> commits.run(connection -> awaitQuietly(release)))
                        .isInstanceOf(LedgerException.class).hasMessageContaining("did not commit within");
            } finally {
                release.countDown();
            }
            String next = commits.run(connection -> "next");
            assertThat(next).as("the commit thread goes on with later work").isEqualTo("next");
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void insert(Connection connection, int id) throws SQLException {
        try (var statement = connection.prepareStatement("INSERT INTO probe (id) VALUES (?)")) {
            statement.setInt(1, id);
            statement.executeUpdate();
        }
    }
}
