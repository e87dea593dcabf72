package io.claimshub;

import io.claimshub.config.PartnerConfig;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.EncounterRelease;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.EncounterLedger;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Charge capture (routes/encounters-release.camel.yaml): encounters whose bill hold is over become claims. */
public class EncountersConfiguration implements CamelConfiguration {

    @BindToRegistry("encounterRelease")
    public EncounterRelease encounterRelease(EncounterLedger encounters, ClaimLedger claims, ClaimIntake intake,
                                             PartnerConfig partners) {
        return new EncounterRelease(encounters, claims, intake, partners);
    }
}
