package io.claimshub.ledger;

import io.claimshub.ledger.IntakeLedger.IncomingClaim;
import io.claimshub.ledger.IntakeLedger.Source;
import io.claimshub.testing.Ledgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void an_h2_file_ledger_is_compacted_when_it_is_closed() throws Exception {
        Path file = dir.resolve("claims.mv.db");
        int claims = 1000;
        long grown;
        try (LedgerDatabase database = LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("claims") + ";WRITE_DELAY=0",
                "sa", "")) {
            Ledgers ledger = Ledgers.open(database.dataSource(), Clock.systemUTC());
            for (int i = 0; i < claims; i++) {
                // one commit per claim, as a quiet MLLP feed makes them: each leaves a mostly dead chunk behind
                ledger.intake().recordClaim(claim("ACC" + i));
            }
            grown = Files.size(file);
        }
        long closed = Files.size(file);

        assertThat(closed).as("file after close vs %d bytes before", grown).isLessThan(grown / 4);
        try (LedgerDatabase reopened = LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("claims"), "sa", "")) {
            Ledgers ledger = Ledgers.open(reopened.dataSource(), Clock.systemUTC());
            assertThat(ledger.queries().countPending("acme")).isEqualTo(claims);
            assertThat(ledger.queries().findByClm01("sunrise", "ACC" + (claims - 1))).hasSize(1);
        }
    }

    @Test
    void h2_file_urls_get_a_close_time_compaction_no_exit_hook_and_a_query_cache_for_every_statement() {
        assertThat(LedgerDatabase.withH2Settings("jdbc:h2:file:./data/ledger/claims;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/ledger/claims;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME="
                        + LedgerDatabase.CLOSE_COMPACT_MILLIS + ";QUERY_CACHE_SIZE=" + LedgerDatabase.QUERY_CACHE_SIZE);
    }

    @Test
    void settings_in_the_url_win() {
        assertThat(LedgerDatabase.withH2Settings("jdbc:h2:file:./claims;max_compact_time=500;DB_CLOSE_ON_EXIT=TRUE;QUERY_CACHE_SIZE=16"))
                .isEqualTo("jdbc:h2:file:./claims;max_compact_time=500;DB_CLOSE_ON_EXIT=TRUE;QUERY_CACHE_SIZE=16");
    }

    @Test
    void in_memory_h2_has_no_file_to_compact_and_other_databases_are_left_alone() {
        assertThat(LedgerDatabase.withH2Settings("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(LedgerDatabase.withH2Settings("jdbc:postgresql://localhost:5432/claimshub"))
                .isEqualTo("jdbc:postgresql://localhost:5432/claimshub");
    }

    private static IncomingClaim claim(String clm01) {
        return new IncomingClaim("sunrise", clm01, "1", null, "acme", new BigDecimal("215.00"),
                "{\"clm01\":\"" + clm01 + "\"}", "hash-" + clm01, new Source("mllp", "10.0.0.5", clm01), List.of());
    }
}
