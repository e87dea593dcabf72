package io.claimshub.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases the ledger tests run against: always H2 in file mode, and PostgreSQL too when
 * CLAIMSHUB_TEST_PG_URL (with _USER and _PASSWORD) names one — .ci/run starts it. Each PostgreSQL
 * test gets a schema of its own, so tests never see each other's rows.
 */
public final class LedgerDatabases {

    public record Target(String name, String url, String user, String password) {
        /** The ledger on this database, migrated to the current schema. */
        public LedgerDatabase open() {
            return LedgerDatabase.open(url, user, password);
        }

        /** A small pool on this database without migrating it, for tests that build an older ledger. */
        public com.zaxxer.hikari.HikariDataSource pool() {
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(LedgerDatabase.withH2Settings(url));
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(2);
            return new com.zaxxer.hikari.HikariDataSource(config);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private LedgerDatabases() {
    }

    /** For {@code @MethodSource("io.claimshub.ledger.LedgerDatabases#names")}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of("h2"));
        if (System.getenv("CLAIMSHUB_TEST_PG_URL") != null) {
            names.add("postgresql");
        }
        return names;
    }

    public static Target target(String name, Path tempDir) throws SQLException {
        if (name.equals("h2")) {
            return new Target(name, "jdbc:h2:file:" + tempDir.resolve("ledger/claims"), "sa", "");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = System.getenv("CLAIMSHUB_TEST_PG_URL");
        String user = System.getenv("CLAIMSHUB_TEST_PG_USER");
        String password = System.getenv("CLAIMSHUB_TEST_PG_PASSWORD");
        try (Connection connection = java.sql.DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return new Target(name, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    /** A hub of a cluster test on this ledger, its lease started (the caller closes it). */
    public static HubNodes joinedNode(LedgerDatabase db, String id, java.time.Clock clock, java.time.Duration lease) {
        HubNodes node = new HubNodes(db.dataSource(), clock, id, lease);
        node.join();
        return node;
    }
}
