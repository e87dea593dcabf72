package io.claimshub.observe;

import io.claimshub.testing.FreePorts;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerHealthCheckTest {

    @Test
    void a_reachable_ledger_is_up() {
        try (HikariDataSource dataSource = pool("jdbc:h2:mem:health-up;DB_CLOSE_DELAY=-1", 5000);
             LedgerHealthCheck check = new LedgerHealthCheck(dataSource, Duration.ofSeconds(2))) {
            HealthCheck.Result result = check.call();

            assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(result.getDetails()).containsKey("ledger.responseMillis");
            assertThat(check.isReadiness()).isTrue();
            assertThat(check.isLiveness()).isFalse();
        }
    }

    @Test
    void a_postgresql_ledger_on_a_closed_port_is_down_within_the_timeout_although_the_pool_would_wait_30_s() {
        int closedPort = FreePorts.next();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/claimshub");
        config.setUsername("claimshub");
        config.setPassword("unused");
        config.setConnectionTimeout(30_000);
        // The pool starts without a database, as it does when PostgreSQL goes away after the hub started.
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource dataSource = new HikariDataSource(config);
             LedgerHealthCheck check = new LedgerHealthCheck(dataSource, Duration.ofMillis(300))) {
            long started = System.nanoTime();
            HealthCheck.Result result = check.call();
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("the ledger"));
            assertThat(millis).isLessThan(5_000);
        }
    }

    @Test
    void a_ledger_whose_pool_fails_at_once_is_down_with_the_reason() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:health-closed;DB_CLOSE_DELAY=-1");
        HikariDataSource dataSource = new HikariDataSource(config);
        dataSource.close();
        try (LedgerHealthCheck check = new LedgerHealthCheck(dataSource, Duration.ofSeconds(2))) {
            HealthCheck.Result result = check.call();

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).hasValueSatisfying(m ->
                    assertThat(m).startsWith("the ledger is unreachable: SQLException"));
        }
    }

    private static HikariDataSource pool(String url, long connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setConnectionTimeout(connectionTimeout);
        return new HikariDataSource(config);
    }
}
