package io.claimshub.intake;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Processes one file a clinic dropped in its inbox: every message or claim in it goes through
 * {@link ClaimIntake}; a bad one rejects that one only. Called by the clinic-inbox route, which moves
 * the file to {@code .done/} afterwards, or to {@code .error/} when this throws.
 */
public final class ClinicFileIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicFileIntake.class);

    private final PartnerConfig partners;
    private final ClaimIntake intake;

    public ClinicFileIntake(PartnerConfig partners, ClaimIntake intake) {
        this.partners = partners;
        this.intake = intake;
    }

    /** The route's entry: Camel binds the polled file as a {@link File}. */
    public FileReport processFile(String clinicId, File file) throws IOException, UnreadableFileException {
        return process(clinicId, file.toPath());
    }

    public FileReport process(String clinicId, Path file) throws IOException, UnreadableFileException {
        ClinicConfig clinic = partners.clinic(clinicId)
                .orElseThrow(() -> new IllegalArgumentException("no clinic '" + clinicId + "' in clinics.yaml"));
        SourceRef source = new SourceRef("file", file.getFileName().toString(), 1, null);
        FileReport[] report = {new FileReport(source.name(), 0, 0, 0, 0, 0)};
        RepeatedClaimIds repeated = new RepeatedClaimIds();
        ClinicFileReader.read(file, item -> report[0] = report[0].add(intake.accept(clinic, item, source, repeated).kind()));
        FileReport done = report[0];
        LOG.info("file processed clinic={} file={} messages={} accepted={} rejected={} duplicates={} unreadable={}",
                clinic.id(), done.fileName(), done.messages(), done.accepted(), done.rejected(),
                done.duplicates(), done.unreadable());
        return done;
    }
}
