package io.claimshub.bench;

import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.ConfigException;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.claim.Claim;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.InputItem;
import io.claimshub.intake.RepeatedClaimIds;
import io.claimshub.intake.SourceRef;
import io.claimshub.ledger.LedgerDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** What the ledger benchmarks share: the ledger they measure and the shipped config's claim preparation. */
final class BenchLedger {

    private BenchLedger() {
    }

    /**
     * -Dledger.url (with -Dledger.user / -Dledger.password), else H2 file mode in a new temporary folder.
     * -Dsync-commits=false measures H2 without syncing each commit, as the hub's claimshub.ledger.sync-commits.
     */
    static LedgerDatabase open(String folderPrefix) throws IOException {
        LedgerDatabase.syncCommits(Boolean.parseBoolean(System.getProperty("sync-commits", "true")));
        String url = System.getProperty("ledger.url",
                "jdbc:h2:file:" + Files.createTempDirectory(folderPrefix) + "/claims;WRITE_DELAY=0");
        return LedgerDatabase.open(url, System.getProperty("ledger.user", "sa"), System.getProperty("ledger.password", ""));
    }

    static ClaimPreparation preparation() throws ConfigException {
        PartnerConfig partners = PartnerConfigLoader.load(Path.of("config"), Path.of("").toAbsolutePath());
        return new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(), new ClaimEdits(Clock.systemUTC()));
    }

    /** The claim of a generated message, mapped and edited for the clinic its MSH-4 names (as {@code convert} does). */
    static Claim claim(ClaimPreparation preparation, String er7) {
        ClaimPreparation.Prepared prepared = preparation.prepare(ClaimPreparation.Input.converted(null,
                new InputItem.Hl7Message(1, er7), new SourceRef("bench", "bench", 1, null), new RepeatedClaimIds()));
        return ((ClaimPreparation.Prepared.Edited) prepared).claim();
    }
}
