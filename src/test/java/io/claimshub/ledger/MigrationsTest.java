package io.claimshub.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

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
}
