package io.claimshub.intake;

import io.claimshub.mllp.MllpTestClient;
import io.claimshub.testing.Dft;
import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/encounters-release.camel.yaml on the running hub: with a bill hold, two charge messages for one account
 * wait as one encounter, and the release timer makes them one claim once the hold is over.
 */
class EncountersReleaseRouteTest extends HubRouteTest {

    @Override
    protected String clinics(String yaml) {
        return yaml.replace("replyTo: folder", "replyTo: folder\n    billHold: 2s\n    encounterKey: account");
    }

    @Test
    void should_release_the_charges_of_one_account_as_one_claim_after_the_bill_hold() throws Exception {
        NotifyBuilder ticks = new NotifyBuilder(context).fromRoute(HubRoutes.ENCOUNTERS).whenCompleted(3).create();
        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("E-1").payer("MEDICARE")
                    .charge("T1", "99213", null, "125.00", "J20.9").build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send(Dft.charges("E-2").payer("MEDICARE")
                    .charge("T2", "71046", null, "80.00", "J20.9").build()))).isEqualTo("AA");
        }

        Path inbound = path("data/payers/medicare/inbound");
        await().atMost(Duration.ofSeconds(40)).until(() -> !Fixtures.files(inbound).isEmpty());
        assertThat(ticks.matches(30, TimeUnit.SECONDS)).isTrue();
        String x12 = Fixtures.read(Fixtures.files(inbound).get(0));
        assertThat(x12.split("~CLM\\*", -1)).as("one claim").hasSize(2);
        assertThat(x12).contains("CLM*ACC500*205", "SV1*HC:99213*125*", "SV1*HC:71046*80*");
    }
}
