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
 * routes/intake.camel.yaml on the running hub: the MLLP listener answers from the handler, and each
 * clinic's inbox route takes a finished file, records its claims and moves it to .done/.
 */
class IntakeRouteTest extends HubRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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

    @Test
    void should_take_a_finished_inbox_file_record_its_claims_and_move_it_to_done() throws Exception {
        Path inbox = path("data/clinics/sunrise/inbox");
        NotifyBuilder polled = new NotifyBuilder(context).fromRoute(HubRoutes.INTAKE_INBOX_TEMPLATE + "*").whenDone(1).create();
        assertThat(polled.matches(30, TimeUnit.SECONDS)).as("the sunrise inbox route polls").isTrue();

        Fixtures.drop(inbox, "visits.hl7", Dft.message().controlId("F1").clm01("FILE1").build()
                + Dft.message().controlId("F2").clm01("FILE2").renderingNpi("1234567890").build());

        await().atMost(WAIT).until(() -> Fixtures.files(inbox).isEmpty() && Fixtures.files(inbox.resolve(".done")).size() == 1);
        assertThat(Fixtures.files(inbox.resolve(".done")).get(0).getFileName().toString()).endsWith("visits.hl7");
        // the bad message is rejected on its own, with a reason for the clinic; the file is not set aside
        await().atMost(WAIT).until(() -> !Fixtures.files(path("data/clinics/sunrise/outbox")).isEmpty());
        assertThat(Fixtures.files(inbox.resolve(".error"))).isEmpty();
    }
}
