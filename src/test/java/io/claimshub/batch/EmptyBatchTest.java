package io.claimshub.batch;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.BatchLedger.Batch;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.LogCapture;
import io.claimshub.x12.Claim837Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch whose claims all left it between the ledger commit that made it and the writing of its file
 * (the interleaving of a flush with another writer moving the claim): no interchange without claims is
 * written or delivered; the batch is marked {@code empty}, reported once, and not tried again.
 */
class EmptyBatchTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void a_folder_payers_batch_whose_claims_left_it_is_not_written_and_not_tried_again() throws Exception {
        PartnerConfig partners = partners(false);
        try (LedgerDatabase db = open(); LogCapture log = new LogCapture()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            Batch batch = batchWhoseClaimLeft(db, ledger);
            BatchWriter writer = new BatchWriter(partners, ledger.batches(), new Claim837Writer(),
                    new BatchDestinations(dir.resolve("data")), CLOCK);

            writer.flushDue();
            writer.flushDue();

            assertThat(files(dir.resolve("data/payers/acme/inbound"))).isEmpty();
            assertThat(batchStatus(db, batch.id())).isEqualTo("empty");
            assertThat(ledger.batches().unfinishedBatches()).isEmpty();
            assertThat(log.text().lines().filter(line -> line.contains("ERROR"))).singleElement().satisfies(line ->
                    assertThat(line).contains("payer=acme").contains("file=" + batch.fileName())
                            .contains("none of its claims is in it any more"));
        }
    }

    @Test
    void an_http_payers_batch_whose_claims_left_it_is_neither_written_nor_queued_for_delivery() throws Exception {
        PartnerConfig partners = partners(true);
        try (LedgerDatabase db = open(); LogCapture log = new LogCapture()) {
            Ledgers ledger = Ledgers.open(db.dataSource(), CLOCK);
            Batch batch = batchWhoseClaimLeft(db, ledger);
            BatchWriter writer = new BatchWriter(partners, ledger.batches(), new Claim837Writer(),
                    new BatchDestinations(dir.resolve("data")), CLOCK);

            writer.recover();

            assertThat(files(dir.resolve("data/outgoing/acme"))).isEmpty();
            assertThat(new DeliveryLedger(db.dataSource(), CLOCK).enqueueWritten(List.of("acme"))).isZero();
            assertThat(batchStatus(db, batch.id())).isEqualTo("empty");
            assertThat(log.text()).contains("payer=acme").contains("file=" + batch.fileName());
        }
    }

    /**
     * The race DashboardIT ran into: the batch takes the waiting claim, then, before the file is written,
     * the claim is moved out of it (there: into a dead batch).
     */
    private static Batch batchWhoseClaimLeft(LedgerDatabase db, Ledgers ledger) throws Exception {
        long claimId = ClusterBatchTest.accept(ledger.intake(), "GONE-1");
        Batch batch = ledger.batches().createBatch("acme", icn -> BatchFileNames.of("acme", CLOCK.instant(), icn),
                List.of(List.of(claimId)));
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement move = connection.prepareStatement(
                     "UPDATE claim SET status = 'DEAD', batch_id = NULL, st02 = NULL WHERE id = ?")) {
            move.setLong(1, claimId);
            assertThat(move.executeUpdate()).isEqualTo(1);
        }
        return batch;
    }

    private LedgerDatabase open() {
        return LedgerDatabase.open("jdbc:h2:file:" + dir.resolve("ledger/claims"), "sa", "");
    }

    private PartnerConfig partners(boolean acmeOverHttp) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            try (InputStream in = EmptyBatchTest.class.getResourceAsStream("/e2e/config/" + name)) {
                Files.copy(in, config.resolve(name));
            }
        }
        if (acmeOverHttp) {
            Path payers = config.resolve("payers.yaml");
            Files.writeString(payers, Files.readString(payers).replace(
                    "delivery: { type: folder, path: data/payers/acme/inbound }",
                    "delivery: { type: http, url: \"http://127.0.0.1:9/claims\", timeout: 5s }"));
        }
        return PartnerConfigLoader.load(config, dir);
    }

    private static String batchStatus(LedgerDatabase db, long batchId) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT status FROM batch WHERE id = ?")) {
            query.setLong(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }
}
