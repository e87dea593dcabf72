package io.claimshub.batch;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.LedgerException;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.TransactionProbe;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch writer takes and marks a batch's claims a few per ledger transaction (here one, with acme's
 * batches of two): a stop between two of those transactions, at start-up or while the hub runs on,
 * ends with every claim in exactly one file and DELIVERED once.
 */
class BatchSliceRecoveryTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_stop_while_a_batch_is_taken_is_finished_at_the_next_start(String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, dir).open(); HubNodes node = node(db)) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK, "node-a");
            List<Long> ids = accept(ledger, 4);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            probe.failExecution("UPDATE claim SET status = ?, batch_id", 2);

            assertThatThrownBy(() -> writer(probe).flushDue()).isInstanceOf(LedgerException.class);
            assertThat(files()).isEmpty();

            BatchWriter restarted = writer(db.dataSource());
            restarted.recover();
            assertThat(files()).hasSize(1);
            restarted.flushAll();

            assertEachClaimInOneFileAndDeliveredOnce(ledger, ids);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_batch_left_half_taken_by_a_ledger_error_is_finished_by_the_next_tick_without_a_restart(String database)
            throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, dir).open(); HubNodes node = node(db)) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK, "node-a");
            List<Long> ids = accept(ledger, 2);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            BatchWriter writer = writer(probe);
            probe.failExecution("UPDATE claim SET status = ?, batch_id", 2);
            assertThatThrownBy(writer::flushDue).isInstanceOf(LedgerException.class);
            probe.stopFailing();

            writer.flushDue();
            assertThat(files()).as("the half-made batch").hasSize(1);
            writer.flushAll();

            assertEachClaimInOneFileAndDeliveredOnce(ledger, ids);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_stop_while_a_written_batch_is_marked_delivered_is_finished_at_the_next_start_without_a_second_file(
            String database) throws Exception {
        try (LedgerDatabase db = LedgerDatabases.target(database, dir).open(); HubNodes node = node(db)) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK, "node-a");
            List<Long> ids = accept(ledger, 2);
            TransactionProbe probe = new TransactionProbe(db.dataSource());
            probe.failExecution("UPDATE claim SET status = ?, updated_at", 2);

            assertThatThrownBy(() -> writer(probe).flushDue()).isInstanceOf(LedgerException.class);
            assertThat(files()).hasSize(1);
            assertThat(ledger.queries().claim(ids.get(1)).orElseThrow().status()).isEqualTo(ClaimStatus.QUEUED);

            writer(db.dataSource()).recover();

            assertEachClaimInOneFileAndDeliveredOnce(ledger, ids);
        }
    }

    private void assertEachClaimInOneFileAndDeliveredOnce(Ledgers ledger, List<Long> ids) throws Exception {
        List<String> clm01s = new ArrayList<>();
        for (Path file : files()) {
            clm01s.addAll(X12TestReader.read(file).values("CLM", 1));
        }
        assertThat(clm01s).containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "S" + ids.indexOf(id)).toList());
        for (long id : ids) {
            assertThat(ledger.queries().history(id)).as("history of claim " + id).extracting(ClaimQueries.ClaimEvent::status)
                    .containsExactly(ClaimStatus.VALIDATED, ClaimStatus.QUEUED, ClaimStatus.DELIVERED);
        }
        assertThat(ledger.batches().unfinishedBatches()).isEmpty();
    }

    private static List<Long> accept(Ledgers ledger, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(ClusterBatchTest.accept(ledger.intake(), "S" + i));
        }
        return ids;
    }

    private static HubNodes node(LedgerDatabase db) {
        HubNodes node = new HubNodes(db.dataSource(), CLOCK, "node-a", Duration.ofHours(1));
        node.join();
        return node;
    }

    private BatchWriter writer(javax.sql.DataSource dataSource) throws Exception {
        PartnerConfig partners = PartnerConfigLoader.load(Fixtures.partnerConfig("e2e/config", dir.resolve("config")), dir);
        return new BatchWriter(partners, new BatchLedger(dataSource, CLOCK, "node-a", 1), new Claim837Writer(),
                new BatchDestinations(dir.resolve("data")), CLOCK);
    }

    private List<Path> files() throws Exception {
        Path folder = dir.resolve("data/payers/acme/inbound");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".837")).sorted().toList();
        }
    }
}
