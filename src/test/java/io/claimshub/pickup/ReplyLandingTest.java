package io.claimshub.pickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyLandingTest {

    private static final String REPLY = "ISA*00*~ST*999*0001~SE*2*0001~";

    @TempDir
    Path data;

    private final Clock clock = Clock.fixed(Instant.parse("2026-10-20T12:34:56.789Z"), ZoneOffset.UTC);
    private final PickupCounters counters = new PickupCounters();

    @Test
    void a_reply_lands_under_a_hub_made_name_with_a_record_of_where_it_came_from() throws Exception {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);

        ReplyLanding.Result result = landing.land("acme", "../\u202Eodd name.x12", stream(REPLY));

        String sha = sha256(REPLY);
        assertThat(result.outcome()).isEqualTo(ReplyLanding.Outcome.LANDED);
        assertThat(result.file()).isEqualTo("20261020T123456789Z-" + sha.substring(0, 16) + ".x12");
        assertThat(data.resolve("replies/incoming/acme/" + result.file())).hasContent(REPLY);
        JsonNode record = new ObjectMapper().readTree(data.resolve("replies/pickup/acme/received/" + sha + ".json").toFile());
        assertThat(record.path("payer").asText()).isEqualTo("acme");
        assertThat(record.path("remoteName").asText()).isEqualTo("../\u202Eodd name.x12");
        assertThat(record.path("file").asText()).isEqualTo(result.file());
        assertThat(record.path("size").asLong()).isEqualTo(REPLY.length());
        assertThat(record.path("sha256").asText()).isEqualTo(sha);
        assertThat(record.path("receivedAt").asText()).isEqualTo("2026-10-20T12:34:56.789Z");
        // the JSON escapes the characters a text viewer would act on
        assertThat(Files.readString(data.resolve("replies/pickup/acme/received/" + sha + ".json"))).doesNotContain("\u202E");
        assertThat(files(data.resolve("replies/pickup/acme/tmp"))).isEmpty();
        assertThat(counters.of("acme").landed()).isEqualTo(1);
    }

    @Test
    void the_same_content_a_second_time_is_recognised_and_not_stored_again() throws Exception {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);
        ReplyLanding.Result first = landing.land("acme", "a.x12", stream(REPLY));

        ReplyLanding.Result second = landing.land("acme", "b.x12", stream(REPLY));

        assertThat(second.outcome()).isEqualTo(ReplyLanding.Outcome.DUPLICATE);
        assertThat(second.file()).isEqualTo(first.file());
        assertThat(files(data.resolve("replies/incoming/acme"))).hasSize(1);
        assertThat(counters.of("acme").duplicates()).isEqualTo(1);
    }

    @Test
    void content_seen_before_is_recognised_after_the_reader_moved_the_landed_file_away() throws Exception {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);
        ReplyLanding.Result first = landing.land("acme", "a.x12", stream(REPLY));
        Files.delete(data.resolve("replies/incoming/acme/" + first.file()));

        ReplyLanding.Result again = new ReplyLanding(data, 1_000_000, clock, new PickupCounters())
                .land("acme", "a.x12", stream(REPLY));

        assertThat(again.outcome()).isEqualTo(ReplyLanding.Outcome.DUPLICATE);
        assertThat(files(data.resolve("replies/incoming/acme"))).isEmpty();
    }

    @Test
    void different_content_in_the_same_millisecond_lands_under_two_names() throws Exception {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);
        landing.land("acme", "a.x12", stream(REPLY));
        landing.land("acme", "a.x12", stream(REPLY + "X"));

        assertThat(files(data.resolve("replies/incoming/acme"))).hasSize(2);
    }

    @Test
    void payers_land_in_folders_of_their_own() throws Exception {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);
        landing.land("acme", "a.x12", stream(REPLY));
        ReplyLanding.Result medicare = landing.land("medicare", "a.x12", stream(REPLY));

        assertThat(medicare.outcome()).isEqualTo(ReplyLanding.Outcome.LANDED);
        assertThat(files(data.resolve("replies/incoming/medicare"))).hasSize(1);
    }

    @Test
    void a_file_larger_than_the_limit_is_refused_and_leaves_nothing_behind() {
        ReplyLanding landing = new ReplyLanding(data, 10, clock, counters);

        assertThatThrownBy(() -> landing.land("acme", "big.x12", stream(REPLY)))
                .isInstanceOf(IOException.class)
                .hasMessage("the file is larger than 10 bytes (claimshub.replies.max-bytes)");
        assertThat(files(data.resolve("replies/incoming/acme"))).isEmpty();
        assertThat(files(data.resolve("replies/pickup/acme/received"))).isEmpty();
        assertThat(files(data.resolve("replies/pickup/acme/tmp"))).isEmpty();
    }

    @Test
    void a_download_that_breaks_off_leaves_nothing_behind_and_records_nothing() {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);
        InputStream broken = new InputStream() {
            private int left = 5;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> landing.land("acme", "a.x12", broken)).hasMessage("connection reset");
        assertThat(files(data.resolve("replies/incoming/acme"))).isEmpty();
        assertThat(files(data.resolve("replies/pickup/acme/received"))).isEmpty();
        assertThat(files(data.resolve("replies/pickup/acme/tmp"))).isEmpty();
    }

    @Test
    void a_payer_id_that_is_not_one_is_refused_before_any_path_is_made() {
        ReplyLanding landing = new ReplyLanding(data, 1_000_000, clock, counters);

        assertThatThrownBy(() -> landing.land("../acme", "a.x12", stream(REPLY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(files(data)).isEmpty();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
