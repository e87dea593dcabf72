package io.claimshub.cli;

import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.Reason;
import io.claimshub.codesets.CodeSetException;
import io.claimshub.codesets.CodeSetFolder;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.ConfigException;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.config.PayerConfig;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClaimPreparation.Prepared;
import io.claimshub.intake.ClinicFileReader;
import io.claimshub.intake.FileFormat;
import io.claimshub.intake.ReadLimits;
import io.claimshub.intake.RepeatedClaimIds;
import io.claimshub.intake.SourceRef;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.storage.PrivateFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code convert}: HL7 or JSON claim files to one 837P file per payer, offline. Touches no ledger and no
 * folder but the output folder. Each claim is written to its payer's 837 as it is converted
 * ({@link ConvertedClaimsWriter}), so that a batch file of any size converts in the same memory. Mistakes found before any work (a missing input, an
 * output that is a file) stop it before anything is read.
 */
public final class ConvertCommand {

    /** Every claim converted. */
    public static final int OK = 0;
    /** At least one claim or message was rejected (the others were converted). */
    public static final int REJECTED = 1;
    /** A file could not be read at all, or the command line or config is wrong. */
    public static final int FAILED = 2;
    /** The output folder cannot be created or written (--out names a file, no permission, disk full). */
    public static final int CANNOT_WRITE = 3;

    public static final Subcommand SUBCOMMAND = new Subcommand("convert", """
              convert [--config DIR] [--clinic ID] [--codesets DIR] --out DIR FILE...
                  Convert HL7 files (single messages or batches) or JSON claim files to one .837 file
                  per payer in --out, offline: no ledger, no folders but --out. Rejected claims are
                  printed on stderr, one line each; a summary line on stdout.
            """, """
            Usage: claims-hub convert [--config DIR] [--clinic ID] [--codesets DIR] --out DIR FILE...

            Converts HL7 v2 DFT^P03 files (single messages or batches) and JSON claim files to one 837P
            file per payer, <payer>.837 in --out, offline: it uses no ledger and touches no folder but
            --out. Each rejected claim is printed on stderr as one line with the file, the message, the
            claim and every reason. Last, stdout gets one summary line:
              20000 claims -> out/acme.837 (19990), out/medicare.837 (8); 2 rejected
            On a terminal a progress line (messages read, claims ready, rate) is shown while it works;
            when stdout is a file or a pipe nothing but the summary is written there.

            Options:
              --out DIR      the folder for the .837 files (created if missing; files in it are replaced)
              --clinic ID    the clinic (clinics.yaml id) the files come from; needed for JSON claims,
                             optional for HL7 when MSH-4 names the clinic (clinics.yaml sendingFacilities)
              --config DIR   the folder with clinics.yaml and payers.yaml
                             (default: $CLAIMSHUB_CONFIG, else ./config)
              --codesets DIR the code-set folder: ICD-10-CM, HCPCS and CPT files the codes are checked
                             against (default: ./codesets; without it, codes are checked by shape only;
                             see docs/codesets.md)
              --debug        show the stack trace of an unexpected failure

            Exit status:
              0  every claim converted
              1  some claims were rejected (the others were converted)
              2  a file could not be read (missing, neither HL7 nor JSON, JSON without --clinic),
                 or the command line, config or a code-set file is wrong
              3  the output cannot be written (--out is a file, no permission, disk full)
              4  failed for another reason (a bug, or the machine): run again with --debug

            Examples:
              claims-hub convert --out out examples/dft-p03-acme.hl7
              claims-hub convert --clinic sunrise --out out examples/claim.json
            """, ConvertCommand::fromCommandLine);

    private final ClaimPreparation preparation;
    private final ClinicFileReader reader = new ClinicFileReader(ReadLimits.DEFAULTS);
    private final PrintStream out;
    private final PrintStream err;
    private final ConvertProgress progress;
    private int itemsRead;
    private int itemsRejected;
    private int claimsReady;

    public ConvertCommand(ClaimPreparation preparation, PrintStream out, PrintStream err, ConvertProgress progress) {
        this.preparation = preparation;
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    private static int fromCommandLine(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments arguments = Arguments.parse(args, Set.of("config", "clinic", "out", "codesets"));
        if (arguments.option("out") == null) {
            throw new Arguments.UsageException("convert needs --out DIR");
        }
        if (arguments.positional().isEmpty()) {
            throw new Arguments.UsageException("convert needs at least one FILE");
        }
        PartnerConfig partners;
        try {
            partners = PartnerConfigLoader.load(PartnerConfigLoader.resolveConfigDir(arguments.option("config")),
                    Path.of("").toAbsolutePath());
        } catch (ConfigException e) {
            throw new CommandException(FAILED, e.problems(), e);
        }
        Clock clock = Clock.systemUTC();
        CodeSetFolder codeSets;
        try {
            codeSets = CodeSetFolder.load(Path.of(Objects.requireNonNullElse(arguments.option("codesets"), "codesets"))
                    .toAbsolutePath(), clock, Duration.ofDays(1));
        } catch (CodeSetException e) {
            throw new CommandException(FAILED, List.of("a code-set file cannot be used: " + e.getMessage()), e);
        }
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                new ClaimEdits(clock, codeSets::current));
        ConvertProgress progress = System.console() != null ? ConvertProgress.onTerminal(out, System::nanoTime)
                : ConvertProgress.NONE;
        return new ConvertCommand(preparation, out, err, progress).convert(arguments.option("clinic"),
                Path.of(arguments.option("out")), arguments.positional().stream().map(Path::of).toList(),
                new ConvertedClaimsWriter(clock));
    }

    /**
     * @param clinicId the clinic the files come from; null to identify it by MSH-4 per message
     */
    public int convert(String clinicId, Path outDir, List<Path> files, ConvertedClaimsWriter writer) {
        PartnerConfig partners = preparation.partners();
        Optional<ClinicConfig> fixedClinic = Optional.empty();
        if (clinicId != null) {
            fixedClinic = partners.clinic(clinicId);
            if (fixedClinic.isEmpty()) {
                err.println("claims-hub: no clinic '" + clinicId + "' in clinics.yaml");
                return FAILED;
            }
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            err.println("claims-hub: --out " + outDir + " is a file, not a folder: name a folder");
            return CANNOT_WRITE;
        }
        List<String> problems = inputProblems(files, fixedClinic.isEmpty());
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return FAILED;
        }
        try {
            PrivateFiles.createDirectories(outDir);
        } catch (IOException e) {
            err.println("claims-hub: cannot create the folder " + outDir + " (" + e.getClass().getSimpleName() + ")");
            return CANNOT_WRITE;
        }
        int status = OK;
        List<String> written = new ArrayList<>();
        RepeatedClaimIds repeated = new RepeatedClaimIds();
        try (ConvertedClaimsWriter.Run output = writer.start(outDir)) {
            for (Path file : files) {
                status = Math.max(status, convertFile(file, fixedClinic, output, repeated));
            }
            progress.clear();
            for (PayerConfig payer : partners.payers()) {
                Path target = outDir.resolve(payer.id() + ".837");
                int claims = output.finish(payer, target, partners);
                if (claims > 0) {
                    written.add(target + " (" + claims + ")");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            progress.clear();
            err.println("claims-hub: cannot write to " + outDir + ": " + e.getMessage());
            return CANNOT_WRITE;
        } catch (CannotWriteOutput e) {
            progress.clear();
            err.println("claims-hub: cannot write to " + outDir + ": " + e.getCause().getMessage());
            return CANNOT_WRITE;
        }
        out.println(itemsRead + " claims -> " + (written.isEmpty() ? "no file written" : String.join(", ", written))
                + "; " + itemsRejected + " rejected");
        return status;
    }

    /** What stops the command before any work: inputs missing or folders, and JSON without a clinic. */
    private static List<String> inputProblems(List<Path> files, boolean noClinic) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                problems.add("no such file: " + file);
            } else if (Files.isDirectory(file)) {
                problems.add(file + " is a folder: name the files in it");
            } else if (noClinic && isJson(file)) {
                problems.add(file.getFileName() + ": JSON claims do not say which clinic sent them: pass --clinic ID");
            }
        }
        return problems;
    }

    /** False for a file that is not JSON or cannot be read: reading it later reports why. */
    private static boolean isJson(Path file) {
        try (PushbackInputStream in = FileFormat.peekable(Files.newInputStream(file))) {
            return FileFormat.detect(in, file.getFileName().toString()) == FileFormat.JSON;
        } catch (IOException | UnreadableFileException e) {
            return false;
        }
    }

    private int convertFile(Path file, Optional<ClinicConfig> fixedClinic, ConvertedClaimsWriter.Run output,
                            RepeatedClaimIds repeated) {
        String fileName = file.getFileName().toString();
        int[] status = {OK};
        try {
            // within the limits the hub's inboxes use (docs/inbox.md), at their defaults
            reader.read(file, item -> {
                itemsRead++;
                Prepared prepared = preparation.prepare(ClaimPreparation.Input.converted(fixedClinic.orElse(null), item,
                        new SourceRef("cli", fileName, item.ordinal(), null), repeated));
                if (!written(prepared, output)) {
                    status[0] = REJECTED;
                }
                progress.update(itemsRead, claimsReady);
                return true;
            });
        } catch (UnreadableFileException e) {
            progress.clear();
            err.println(e.getMessage());
            return FAILED;
        } catch (IOException e) {
            progress.clear();
            err.println(fileName + ": cannot be read: " + e.getMessage());
            return FAILED;
        }
        return status[0];
    }

    /** True when the claim is ready and added to its payer's file; false when it was reported as rejected. */
    private boolean written(Prepared prepared, ConvertedClaimsWriter.Run output) {
        if (prepared instanceof Prepared.Edited edited) {
            List<Reason> reasons = edited.reasons().isEmpty() ? paperPayerReason(edited.payerId()) : edited.reasons();
            if (reasons.isEmpty()) {
                try {
                    output.add(preparation.partners().payer(edited.payerId()).orElseThrow(), edited.clinic(), edited.claim());
                } catch (IOException e) {
                    throw new CannotWriteOutput(e);
                }
                claimsReady++;
                return true;
            }
            report(edited.source(), edited.claim(), reasons);
        } else if (prepared instanceof Prepared.Refused refused) {
            report(refused.source(), refused.claim(), List.of(refused.reason()));
        } else {
            report(prepared.source(), null, ((Prepared.Unreadable) prepared).reasons());
        }
        return false;
    }

    /** A paper payer has no interchange settings to write an 837P with; only the running hub prints its claims. */
    private List<Reason> paperPayerReason(String payerId) {
        return preparation.partners().payer(payerId).filter(payer -> payer.delivery() instanceof PayerConfig.Delivery.Printed)
                .map(payer -> List.of(new Reason("payer", "PAPER_PAYER", payer.id()
                        + " takes paper claims (CMS-1500), which convert does not print; the running hub prints them")))
                .orElse(List.of());
    }

    /** One line per rejected claim: file, message, claim id and every reason. */
    private void report(SourceRef source, Claim claim, List<Reason> reasons) {
        itemsRejected++;
        progress.clear();
        String claimPart = claim == null || claim.patientControlNumber() == null ? "" : " claim " + claim.patientControlNumber();
        err.println(source.describe() + claimPart + ": rejected: "
                + String.join("; ", reasons.stream().map(Reason::text).toList()));
    }

    /**
     * Writing an 837 failed while a file was being read: carried past the file reader, which would report an
     * IOException as the input's, to {@link #convert}'s CANNOT_WRITE.
     */
    private static final class CannotWriteOutput extends RuntimeException {
        private CannotWriteOutput(IOException cause) {
            super(cause);
        }
    }
}
