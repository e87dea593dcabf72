package io.claimshub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The ledger's connection pool, with the schema migrated to the version this code knows. The JDBC URL
 * decides the database: H2 in file mode by default, PostgreSQL with the same code.
 */
public final class LedgerDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    private LedgerDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static LedgerDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withoutH2ExitHook(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("ledger");
        config.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Migrations.apply(dataSource);
        } catch (SQLException e) {
            dataSource.close();
            throw new IllegalStateException("cannot prepare the claim ledger: " + e.getMessage(), e);
        }
        return new LedgerDatabase(dataSource);
    }

    /**
     * H2 closes a database from a JVM shutdown hook of its own, which races the hub's shutdown: on
     * SIGTERM the claims still waiting could not be written out. The hub closes the pool itself.
     */
    static String withoutH2ExitHook(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return jdbcUrl;
    }

    /**
     * Whether every H2 commit is synced to the disk (the default). Off trades safety against power
     * cuts for throughput; PostgreSQL keeps its own setting ({@code fsync}, {@code synchronous_commit}).
     */
    public static void syncCommits(boolean on) {
        DiskSync.enable(on);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
