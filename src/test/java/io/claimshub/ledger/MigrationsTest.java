package io.claimshub.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @TempDir
    Path tempDir;


    @Test
    void a_statement_after_an_h2_only_line_is_marked_and_the_mark_ends_with_it() {
        List<Migrations.Step> steps = Migrations.statements("""
                -- a comment
                CREATE TABLE a (id INT);
                -- h2 only
                ALTER TABLE a
                    ALTER COLUMN id SET CACHE 10;
                CREATE TABLE b (id INT);
                """);

        assertThat(steps).containsExactly(
                new Migrations.Step("CREATE TABLE a (id INT)", false),
                new Migrations.Step("ALTER TABLE a\n    ALTER COLUMN id SET CACHE 10", true),
                new Migrations.Step("CREATE TABLE b (id INT)", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void claim_event_ids_are_cached_on_h2_only(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        try (LedgerDatabase db = target.open();
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String query = database.equals("h2")
                    ? "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'CLAIM_EVENT' AND COLUMN_NAME = 'ID'"
                    : "SELECT cache_size FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = 'claim_event_id_seq'";
            try (ResultSet row = statement.executeQuery(query)) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(database.equals("h2") ? 1000 : 1);
            }
        }
    }

    /**
     * Several hubs started at the same instant on one fresh database: each runs the migrations, and
     * none may fail on another's half-made schema (they did on PostgreSQL: "relation already exists").
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void hubs_migrating_one_fresh_database_at_once_all_start_and_each_version_runs_once(String database) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(database, tempDir);
        int hubs = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(hubs);
        try {
            List<Future<LedgerDatabase>> opened = new ArrayList<>();
            for (int i = 0; i < hubs; i++) {
                Callable<LedgerDatabase> open = () -> {
                    start.await();
                    return target.open();
                };
                opened.add(pool.submit(open));
            }
            start.countDown();
            List<LedgerDatabase> dbs = new ArrayList<>();
            for (Future<LedgerDatabase> db : opened) {
                dbs.add(db.get());
            }
            try (Connection connection = dbs.get(0).dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_version")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(row.getInt(2)).isGreaterThanOrEqualTo(6);
            }
            for (LedgerDatabase db : dbs) {
                db.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
