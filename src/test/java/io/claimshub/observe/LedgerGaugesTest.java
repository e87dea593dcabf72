package io.claimshub.observe;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.FreePorts;
import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.TestClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerGaugesTest {

    @Test
    void pending_claims_per_payer_and_claims_per_status_are_read_from_the_ledger() {
        try (LedgerDatabase database = LedgerDatabase.open("jdbc:h2:mem:gauges1;DB_CLOSE_DELAY=-1", "sa", "")) {
            Ledgers ledger = Ledgers.open(database.dataSource(), Clock.systemUTC());
            ledger.intake().recordClaim(claim("ACC1", "acme", List.of()));
            ledger.intake().recordClaim(claim("ACC2", "acme", List.of()));
            ledger.intake().recordClaim(claim("ACC3", "medicare", List.of()));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new LedgerGauges(ledger.queries(), database.dataSource(), Clock.systemUTC(), Duration.ZERO)
                    .register(registry, List.of("acme", "medicare", "bluecross"));

            assertThat(registry.scrape())
                    .contains("claims_pending{payer=\"acme\"} 2.0")
                    .contains("claims_pending{payer=\"medicare\"} 1.0")
                    .contains("claims_pending{payer=\"bluecross\"} 0.0")
                    .contains("claims_ledger{status=\"VALIDATED\"} 3.0")
                    .contains("claims_ledger{status=\"PAID\"} 0.0");
        }
    }

    @Test
    void held_encounters_and_the_oldest_hold_age_are_read_from_the_ledger() {
        try (LedgerDatabase database = LedgerDatabase.open("jdbc:h2:mem:gauges4;DB_CLOSE_DELAY=-1", "sa", "")) {
            TestClock clock = new TestClock(Instant.parse("2026-11-01T09:00:00Z"));
            Ledgers ledger = Ledgers.open(database.dataSource(), clock);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            LedgerGauges gauges = new LedgerGauges(ledger.queries(), database.dataSource(), clock, Duration.ZERO);
            gauges.register(registry, List.of("acme"));
            assertThat(registry.scrape()).contains("encounters_held 0.0").contains("encounters_oldest_held_seconds 0.0");

            EncounterLedger encounters = new EncounterLedger(database.dataSource(), clock);
            hold(encounters, "ACC1", "M1", clock);
            clock.advance(Duration.ofSeconds(600));
            hold(encounters, "ACC2", "M2", clock);
            clock.advance(Duration.ofSeconds(60));

            assertThat(registry.scrape()).contains("encounters_held 2.0").contains("encounters_oldest_held_seconds 660.0");
        }
    }

    private static void hold(EncounterLedger encounters, String key, String controlId, Clock clock) {
        encounters.capture(new EncounterLedger.Capture("sunrise", key, controlId, "mllp", controlId, old -> "{}",
                List.of(new EncounterLedger.NewCharge("FT1 #1", key + "-1", "99213", "", java.time.LocalDate.of(2026, 11, 1),
                        new BigDecimal("125.00"), BigDecimal.ONE, "{}")), List.of(), clock.instant().plusSeconds(3600)));
    }

    @Test
    void values_are_cached_for_the_max_age_and_read_again_after_it() {
        try (LedgerDatabase database = LedgerDatabase.open("jdbc:h2:mem:gauges2;DB_CLOSE_DELAY=-1", "sa", "")) {
            Ledgers ledger = Ledgers.open(database.dataSource(), Clock.systemUTC());
            TestClock clock = new TestClock(Instant.parse("2026-11-01T09:00:00Z"));
            LedgerGauges gauges = new LedgerGauges(ledger.queries(), database.dataSource(), clock, Duration.ofSeconds(5));
            ledger.intake().recordClaim(claim("ACC1", "acme", List.of()));
            assertThat(gauges.pending("acme")).isEqualTo(1.0);
            assertThat(gauges.count(ClaimStatus.VALIDATED)).isEqualTo(1.0);

            ledger.intake().recordClaim(claim("ACC2", "acme", List.of()));
            assertThat(gauges.pending("acme")).isEqualTo(1.0);
            assertThat(gauges.count(ClaimStatus.VALIDATED)).isEqualTo(1.0);

            clock.advance(Duration.ofSeconds(5));
            assertThat(gauges.pending("acme")).isEqualTo(2.0);
            assertThat(gauges.count(ClaimStatus.VALIDATED)).isEqualTo(2.0);
        }
    }

    @Test
    void an_unreachable_ledger_reads_as_not_a_number_instead_of_failing_the_scrape() {
        LedgerDatabase database = LedgerDatabase.open("jdbc:h2:mem:gauges3;DB_CLOSE_DELAY=-1", "sa", "");
        Ledgers ledger = Ledgers.open(database.dataSource(), Clock.systemUTC());
        LedgerGauges gauges = new LedgerGauges(ledger.queries(), database.dataSource(), Clock.systemUTC(), Duration.ZERO);
        database.close();

        assertThat(gauges.pending("acme")).isNaN();
        assertThat(gauges.count(ClaimStatus.VALIDATED)).isNaN();
    }

    @Test
    void a_scrape_does_not_hang_while_the_pool_waits_for_a_dead_postgresql() {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + FreePorts.next()
                + "/claimshub");
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        try (com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource(config)) {
            LedgerGauges gauges = new LedgerGauges(new ClaimQueries(dataSource, Clock.systemUTC()), dataSource,
                    Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofMillis(300));
            long started = System.nanoTime();

            assertThat(gauges.pending("acme")).isNaN();
            assertThat(gauges.count(ClaimStatus.VALIDATED)).isNaN();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        }
    }

    private static IncomingClaim claim(String clm01, String payer, List<io.claimshub.claim.Reason> reasons) {
        return new IncomingClaim("sunrise", clm01, "1", null, payer, new BigDecimal("10.00"), "{\"c\":\"" + clm01 + "\"}",
                "hash-" + clm01, new Source("file", "visit.hl7", null), reasons);
    }
}
