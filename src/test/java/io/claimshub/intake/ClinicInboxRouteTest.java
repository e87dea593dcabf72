package io.claimshub.intake;

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
 * routes/clinic-inbox.camel.yaml on the running hub: each clinic's inbox route takes a finished file,
 * records its claims (a bad one rejected on its own, with a reason in the outbox) and moves it to .done/.
 */
class ClinicInboxRouteTest extends HubRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
