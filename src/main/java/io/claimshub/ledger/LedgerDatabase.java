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
        config.setJdbcUrl(jdbcUrl);
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

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
