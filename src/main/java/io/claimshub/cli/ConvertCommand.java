package io.claimshub.cli;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClinicFileReader;
import io.claimshub.intake.InputItem;
import io.claimshub.intake.SourceRef;
import io.claimshub.intake.UnreadableFileException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code convert}: HL7 or JSON claim files to one 837P file per payer, offline. Touches no ledger and no
 * folder but the output folder. Claims are spooled to disk between reading and writing so that a batch
 * file of any size converts in the same memory.
 */
public final class ConvertCommand {

    /** Every claim converted. */
    public static final int OK = 0;
    /** At least one claim or message was rejected (the others were converted). */
    public static final int REJECTED = 1;
    /** A file could not be read at all, or the command line or config is wrong. */
    public static final int FAILED = 2;

    private final ClaimPreparation preparation;
    private final ClinicFileReader reader;
    private final PrintStream err;

    /** @param reader reads each file within the limits the hub's inboxes use */
    public ConvertCommand(ClaimPreparation preparation, ClinicFileReader reader, PrintStream err) {
        this.preparation = preparation;
        this.reader = reader;
        this.err = err;
    }

    /**
     * @param clinicId the clinic the files come from; null to identify it by MSH-4 per message
     */
    public int convert(String clinicId, Path outDir, List<Path> files, ConvertedClaimsWriter writer) throws IOException {
        PartnerConfig partners = preparation.partners();
        Optional<ClinicConfig> fixedClinic = Optional.empty();
        if (clinicId != null) {
            fixedClinic = partners.clinic(clinicId);
            if (fixedClinic.isEmpty()) {
                err.println("convert: no clinic '" + clinicId + "' in clinics.yaml");
                return FAILED;
            }
        }
        int status = OK;
        try (ClaimSpool spool = ClaimSpool.create()) {
            for (Path file : files) {
                status = Math.max(status, convertFile(file, fixedClinic, spool));
            }
            Files.createDirectories(outDir);
            for (PayerConfig payer : partners.payers()) {
                writer.write(payer, spool, outDir, partners);
            }
        }
        return status;
    }

    private int convertFile(Path file, Optional<ClinicConfig> fixedClinic, ClaimSpool spool) throws IOException {
        String fileName = file.getFileName().toString();
        int[] status = {OK};
        try {
            reader.read(file, item -> {
                SourceRef source = new SourceRef("cli", fileName, item.ordinal(), null);
                ClaimPreparation.Mapped mapped = preparation.map(item);
                source = source.withMessage(item.ordinal(), mapped.controlId());
                Optional<ClinicConfig> clinic = fixedClinic.or(() -> preparation.partners()
                        .clinicForSendingFacility(mapped.sendingFacility()));
                if (clinic.isEmpty()) {
                    report(source, mapped.claim(), List.of(new Reason("MSH-4", "UNKNOWN_CLINIC", item instanceof InputItem.Hl7Message
                            ? "sending facility '" + mapped.sendingFacility() + "' is not listed in any clinic's sendingFacilities; pass --clinic"
                            : "JSON claims need --clinic")));
                    status[0] = REJECTED;
                    return true;
                }
                if (!mapped.readable()) {
                    report(source, null, mapped.problems());
                    status[0] = REJECTED;
                    return true;
                }
                List<Reason> reasons = preparation.check(clinic.get(), mapped);
                if (!reasons.isEmpty()) {
                    report(source, mapped.claim(), reasons);
                    status[0] = REJECTED;
                    return true;
                }
                spool.add(preparation.payerIdOf(mapped.claim()), clinic.get().id(), mapped.claim());
                return true;
            });
        } catch (UnreadableFileException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println(fileName + ": cannot be read: " + e.getMessage());
            return FAILED;
        }
        return status[0];
    }

    /** One line per rejected claim: file, message, claim id and every reason. */
    private void report(SourceRef source, Claim claim, List<Reason> reasons) {
        String claimPart = claim == null || claim.patientControlNumber() == null ? "" : " claim " + claim.patientControlNumber();
        err.println(source.describe() + claimPart + ": rejected: "
                + String.join("; ", reasons.stream().map(Reason::text).toList()));
    }
}
