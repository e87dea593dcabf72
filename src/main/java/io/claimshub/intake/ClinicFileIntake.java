package io.claimshub.intake;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Takes the messages or claims of one clinic file through {@link ClaimIntake}, one at a time; a bad one
 * rejects that one only. {@link ClinicInbox} decides when a file is taken and where it goes afterwards.
 */
public final class ClinicFileIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicFileIntake.class);

    private final PartnerConfig partners;
    private final ClaimIntake intake;
    private final ClinicFileReader reader;

    public ClinicFileIntake(PartnerConfig partners, ClaimIntake intake, ClinicFileReader reader) {
        this.partners = partners;
        this.intake = intake;
        this.reader = reader;
    }

    /**
     * What one pass over a file did.
     *
     * @param report  counts of what the items handed in this pass became
     * @param items   the ordinal of the last item taken (those skipped at the start included)
     * @param stopped the pass ended early because the hub is stopping
     */
    public record Pass(FileReport report, int items, boolean stopped) {
    }

    /**
     * @param skip     items at the start taken by an earlier pass, read past without being taken again
     * @param stopping asked before each item: true ends the pass there
     * @param taken    told the ordinal of each item once the ledger has it
     */
    public Pass process(String clinicId, Path file, int skip, BooleanSupplier stopping, IntConsumer taken)
            throws IOException, UnreadableFileException {
        ClinicConfig clinic = partners.clinic(clinicId)
                .orElseThrow(() -> new IllegalArgumentException("no clinic '" + clinicId + "' in clinics.yaml"));
        SourceRef source = new SourceRef("file", file.getFileName().toString(), 1, null);
        FileReport[] report = {new FileReport(source.name(), 0, 0, 0, 0, 0)};
        RepeatedClaimIds repeated = new RepeatedClaimIds();
        ClinicFileReader.Outcome outcome = reader.read(file, skip, item -> {
            if (stopping.getAsBoolean()) {
                return false;
            }
            report[0] = report[0].add(intake.accept(clinic, item, source, repeated).kind());
            taken.accept(item.ordinal());
            return true;
        });
        FileReport done = report[0];
        if (outcome.stopped()) {
            LOG.info("file paused clinic={} file={} after message #{}: the hub is stopping; the next start goes on"
                    + " from there", clinic.id(), done.fileName(), outcome.items() - 1);
            return new Pass(done, outcome.items() - 1, true);
        }
        LOG.info("file processed clinic={} file={} messages={} accepted={} rejected={} duplicates={} unreadable={}",
                clinic.id(), done.fileName(), done.messages(), done.accepted(), done.rejected(),
                done.duplicates(), done.unreadable());
        return new Pass(done, outcome.items(), false);
    }
}
