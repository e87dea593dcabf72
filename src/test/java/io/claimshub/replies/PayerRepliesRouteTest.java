package io.claimshub.replies;

import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import io.claimshub.x12.replies.X12Replies;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/payer-replies.camel.yaml on the running hub: a payer's reply folder is read every {@code replies.every};
 * a reply the hub stored moves to .done/, a file that is not X12 to .error/ with a reason next to it
 * (the clinic-file-errors configuration of routes/errors.camel.yaml).
 */
class PayerRepliesRouteTest extends HubRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    protected String payers(String yaml) {
        return yaml.replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }",
                "replies: { type: folder, path: data/payers/acme/outbound, every: 200ms }");
    }

    @Test
    void should_store_a_reply_and_move_the_payers_file_to_done_under_a_time_stamped_name() throws Exception {
        Path outbound = path("data/payers/acme/outbound");
        NotifyBuilder stored = new NotifyBuilder(context).fromRoute(HubRoutes.REPLIES_TEMPLATE + "*").whenCompleted(1).create();
        byte[] ta1 = X12Replies.file().interchange("000000900").ta1("000000001", "A", "000").bytes();

        Fixtures.drop(outbound, "ack.ta1", new String(ta1, StandardCharsets.US_ASCII));

        assertThat(stored.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> Fixtures.files(outbound).isEmpty() && Fixtures.files(outbound.resolve(".done")).size() == 1);
        assertThat(Fixtures.files(outbound.resolve(".done")).get(0).getFileName().toString()).matches("\\d{8}T\\d{9}-ack\\.ta1");
        assertThat(Fixtures.files(path("data/replies/received/acme"))).hasSize(1);
    }

    @Test
    void should_set_a_file_that_is_not_x12_aside_in_error_with_a_reason_and_go_on() throws Exception {
        Path outbound = path("data/payers/acme/outbound");

        Fixtures.drop(outbound, "letter.txt", "Dear provider, please call us.");

        await().atMost(WAIT).until(() -> Fixtures.files(outbound.resolve(".error")).size() == 2);
        List<Path> aside = Fixtures.files(outbound.resolve(".error"));
        assertThat(aside).extracting(p -> p.getFileName().toString())
                .anySatisfy(name -> assertThat(name).matches("\\d{8}T\\d{9}-letter\\.txt"))
                .anySatisfy(name -> assertThat(name).endsWith(".reason.txt"));
        assertThat(aside.stream().filter(p -> p.toString().endsWith(".reason.txt")).map(Fixtures::read).findFirst().orElseThrow())
                .contains("letter.txt");
        assertThat(Fixtures.files(outbound)).isEmpty();
    }
}
