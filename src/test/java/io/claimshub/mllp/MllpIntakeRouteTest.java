package io.claimshub.mllp;

import io.claimshub.testing.Dft;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/mllp-intake.camel.yaml on the running hub: the MLLP listener answers each message from the handler,
 * AA for a charge recorded in the ledger, AR for a message it cannot use, on the same connection.
 */
class MllpIntakeRouteTest extends HubRouteTest {

    @Test
    void should_answer_an_mllp_charge_with_aa_and_a_broken_one_with_ar_on_the_same_connection() throws Exception {
        NotifyBuilder twoDone = new NotifyBuilder(context).fromRoute(HubRoutes.INTAKE_MLLP).whenDone(2).create();

        try (MllpTestClient ehr = new MllpTestClient(mllpPort)) {
            assertThat(MllpTestClient.code(ehr.send(Dft.message().controlId("RT-1").clm01("RT1").build()))).isEqualTo("AA");
            assertThat(MllpTestClient.code(ehr.send("MSH|^~\\&|EHR|SUNRISE|||20261101||DFT^P03|RT-2|P|2.5.1\rPID|1\r")))
                    .isEqualTo("AR");
        }

        assertThat(twoDone.matches(30, TimeUnit.SECONDS)).as("two exchanges through " + HubRoutes.INTAKE_MLLP).isTrue();
    }
}
