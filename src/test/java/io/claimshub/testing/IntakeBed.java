package io.claimshub.testing;

import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClinicFileIntake;
import io.claimshub.intake.ClinicFileReader;
import io.claimshub.intake.ReadLimits;
import io.claimshub.intake.RejectionWriter;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.observe.ClaimMetrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The claim intake of the hub without Camel, on a real H2 ledger in a test's folder: the e2e partner
 * config (clinic sunrise, payers acme and medicare), the parser, mapper and edits, and the intake
 * beans built on them as the hub builds them.
 */
public final class IntakeBed implements AutoCloseable {

    public final Path workDir;
    public final Clock clock;
    public final PartnerConfig partners;
    public final LedgerDatabase database;
    public final Ledgers ledger;
    public final Hl7Parser parser = new Hl7Parser();
    public final ClaimPreparation preparation;

    /** Copies src/test/resources/e2e/config into {@code workDir}/config and opens the ledger in {@code workDir}/ledger. */
    public IntakeBed(Path workDir, Clock clock) throws Exception {
        this.workDir = workDir;
        this.clock = clock;
        Path config = Files.createDirectories(workDir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            Files.copy(Path.of("src/test/resources/e2e/config", name), config.resolve(name));
        }
        partners = PartnerConfigLoader.load(config, workDir);
        database = LedgerDatabase.open("jdbc:h2:file:" + workDir.resolve("ledger/claims"), "sa", "");
        ledger = Ledgers.open(database.dataSource(), clock);
        preparation = new ClaimPreparation(partners, parser, new DftMapper(), new ClaimEdits(clock));
    }

    /** The claim intake; {@code onAccepted} hears the payer of each claim accepted. */
    public ClaimIntake claimIntake(Consumer<String> onAccepted, ClaimMetrics metrics) {
        return new ClaimIntake(preparation, ledger.intake(), new RejectionWriter(clock), onAccepted, metrics);
    }

    public ClaimIntake claimIntake(Consumer<String> onAccepted) {
        return claimIntake(onAccepted, ClaimMetrics.disabled());
    }

    /** The intake of whole clinic files (inbox folders, uploads) over {@code intake}. */
    public ClinicFileIntake fileIntake(ClaimIntake intake) {
        return new ClinicFileIntake(partners, intake, new ClinicFileReader(ReadLimits.DEFAULTS));
    }

    @Override
    public void close() {
        database.close();
    }
}
