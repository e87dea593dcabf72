package io.claimshub.ledger;

import io.claimshub.storage.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes sure the hub runs on the ledger its data folder was used with. The ledger holds an id (table
 * {@code ledger_identity}) and {@code <data>/ledger-id} holds the same id. A start is refused when the
 * ledger is empty although the data folder shows earlier work (that id file, batch files), or when the
 * ledger's id is another one: either way the hub would bill claims sent again a second time and reuse
 * interchange control numbers. {@code run --new-ledger} starts anyway, on purpose.
 */
public final class LedgerContinuity {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerContinuity.class);
    static final String MARKER = "ledger-id";

    /**
     * The 837 files of one payer still in the hub's folders.
     *
     * @param highestControlNumber the highest ISA13 among them (0 when there are none)
     */
    public record WrittenFiles(String payerId, int count, long highestControlNumber) {
    }

    private final Jdbc jdbc;
    private final Path marker;
    private final Clock clock;

    public LedgerContinuity(DataSource dataSource, Path dataDir, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.marker = dataDir.resolve(MARKER);
        this.clock = clock;
    }

    /**
     * Checks the ledger against the data folder, then raises each payer's control counter to at least the
     * highest ISA13 among its files, so a number is never used twice.
     *
     * @param written  the batch files of each payer still in the hub's folders
     * @param startNew the operator asked for a new ledger ({@code run --new-ledger})
     * @throws LedgerException when the hub must not start on this ledger; the message says what to do
     */
    public void check(List<WrittenFiles> written, boolean startNew) {
        verifyIdentity(written.stream().filter(f -> f.count() > 0)
                .map(f -> f.count() + " batch files of payer " + f.payerId()).toList(), startNew);
        for (WrittenFiles files : written) {
            if (files.count() > 0 && jdbc.inTransaction(connection ->
                    ControlNumbers.keepAbove(connection, files.payerId(), files.highestControlNumber()))) {
                LOG.warn("Interchange control numbers of payer {} continue after {}, the highest in its batch files"
                        + " (the ledger's counter was lower)", files.payerId(), String.format("%09d", files.highestControlNumber()));
            }
        }
    }

    private void verifyIdentity(List<String> earlierWork, boolean startNew) {
        Optional<String> markerId = readMarker();
        Optional<String> ledgerId = jdbc.query("SELECT id FROM ledger_identity", row -> row.getString(1)).stream().findFirst();
        if (ledgerId.isEmpty()) {
            List<String> evidence = new ArrayList<>();
            markerId.ifPresent(id -> evidence.add(marker + " names ledger " + id));
            evidence.addAll(earlierWork);
            if (isEmpty() && !evidence.isEmpty()) {
                if (!startNew) {
                    throw new LedgerException("the ledger is empty but this data folder was used before ("
                            + String.join("; ", evidence) + "). Started like this, the hub would bill claims sent"
                            + " again a second time. Restore the ledger from its backup, or start once with"
                            + " 'claims-hub run --new-ledger' to begin a new ledger on purpose.");
                }
                LOG.warn("Starting a new, empty ledger as asked (--new-ledger) although this data folder was used"
                        + " before: claims sent again will be billed again");
            }
            ledgerId = Optional.of(createId());
        } else if (markerId.isPresent() && !markerId.get().equals(ledgerId.get())) {
            if (!startNew) {
                throw new LedgerException("the ledger (id " + ledgerId.get() + ") is not the one this data folder was"
                        + " used with (" + marker + " names " + markerId.get() + "). Point claimshub.ledger.url at the"
                        + " right ledger, or start once with 'claims-hub run --new-ledger' to carry on with this one.");
            }
            LOG.warn("Carrying on with ledger {} instead of {} as asked (--new-ledger)", ledgerId.get(), markerId.get());
        }
        if (!ledgerId.equals(markerId)) {
            writeMarker(ledgerId.get());
        }
    }

    private boolean isEmpty() {
        // LIMIT 1, not COUNT(*): PostgreSQL counts a large table row by row
        return jdbc.query("SELECT id FROM claim LIMIT 1", row -> row.getLong(1)).isEmpty()
                && jdbc.query("SELECT id FROM batch LIMIT 1", row -> row.getLong(1)).isEmpty();
    }

    /** A new id; or, when another hub starting at the same moment created one first, that one. */
    private String createId() {
        String id = UUID.randomUUID().toString();
        try {
            jdbc.inTransaction(connection -> Jdbc.update(connection,
                    "INSERT INTO ledger_identity (id, created_at) VALUES (?, ?)", id, clock.instant()));
            return id;
        } catch (LedgerException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return jdbc.query("SELECT id FROM ledger_identity", row -> row.getString(1)).get(0);
            }
            throw e;
        }
    }

    private Optional<String> readMarker() {
        try {
            return Files.exists(marker) ? Optional.of(Files.readString(marker, StandardCharsets.US_ASCII).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }

    private void writeMarker(String id) {
        try {
            PrivateFiles.writeAtomically(marker, (id + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }
}
