package io.claimshub.batch;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.testing.Ledgers;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch goes out full (acme: 2 claims) or when its oldest claim has waited {@code every} (acme: 1h),
 * never as a tail of whatever else is waiting: a payer gets one file per batch, not a file for each few
 * claims that arrived while the last one was being written.
 */
class BatchSizeTest {

    /** Long before acme's hour is up for any claim accepted at this instant. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void a_tick_writes_the_full_batches_and_leaves_the_rest_waiting_for_the_next_one() throws Exception {
        try (LedgerDatabase db = open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            for (int i = 1; i <= 5; i++) {
                ClusterBatchTest.accept(ledger.intake(), "SIZE-" + i);
            }
            BatchWriter writer = new BatchWriter(partners(), ledger.batches(), new Claim837Writer(),
                    new BatchDestinations(dir.resolve("data")), CLOCK);

            writer.flushDue();

            assertThat(claimsPerFile()).containsExactly(2, 2);
            assertThat(ledger.queries().countPending("acme")).isEqualTo(1);
        }
    }

    @Test
    void the_count_of_claims_accepted_since_the_last_batch_does_not_write_a_batch_the_ledger_does_not_hold()
            throws Exception {
        try (LedgerDatabase db = open()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            BatchWriter writer = new BatchWriter(partners(), ledger.batches(), new Claim837Writer(),
                    new BatchDestinations(dir.resolve("data")), CLOCK);
            // Another hub (or the timer) already wrote the claims this hub counted: one is left waiting.
            ClusterBatchTest.accept(ledger.intake(), "SIZE-1");
            writer.onClaimAccepted("acme");
            writer.onClaimAccepted("acme");

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> claimsPerFile().isEmpty() && ledger.queries().countPending("acme") == 1);

            ClusterBatchTest.accept(ledger.intake(), "SIZE-2");
            writer.onClaimAccepted("acme");
            writer.onClaimAccepted("acme");
            await().atMost(Duration.ofSeconds(10)).until(() -> claimsPerFile().equals(List.of(2)));
        }
    }

    private List<Integer> claimsPerFile() throws Exception {
        Path folder = dir.resolve("data/payers/acme/inbound");
        List<Integer> counts = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return counts;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".837")).sorted().toList()) {
                counts.add(X12TestReader.read(file).values("CLM", 1).size());
            }
        }
        return counts;
    }

    private LedgerDatabase open() {
        return LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("ledger/claims"), "sa", "");
    }

    private PartnerConfig partners() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            try (InputStream in = BatchSizeTest.class.getResourceAsStream("/e2e/config/" + name)) {
                Files.copy(in, config.resolve(name));
            }
        }
        return PartnerConfigLoader.load(config, dir);
    }
}
