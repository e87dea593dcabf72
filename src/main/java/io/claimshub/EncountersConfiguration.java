package io.claimshub;

import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.EncounterRelease;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.IntakeLedger;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Charge capture (routes/encounters-release.camel.yaml): encounters whose bill hold is over become claims. */
public class EncountersConfiguration implements CamelConfiguration {

    @BindToRegistry("encounterRelease")
    public EncounterRelease encounterRelease(EncounterLedger encounters, IntakeLedger claims, ClaimQueries queries,
                                             ClaimIntake intake, PartnerConfig partners) {
        return new EncounterRelease(encounters, claims, queries, intake, partners);
    }
}
