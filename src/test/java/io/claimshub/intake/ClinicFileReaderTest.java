package io.claimshub.intake;

import io.claimshub.testing.Dft;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clinic file reader within its limits: inputs far beyond them (generated as they are read) are
 * refused item by item or, when the file cannot be read on, as a whole, each with its reason.
 */
class ClinicFileReaderTest {

    private static final String MSH = "MSH|^~\\&|EHR|SUNRISE|CLAIMSHUB|HUB|20261101120000||DFT^P03^DFT_P03|BIG1|P|2.5.1\r";
    private final ClinicFileReader reader = new ClinicFileReader(ReadLimits.DEFAULTS);

    @Test
    void a_500_megabyte_single_line_is_one_message_too_large_and_the_next_message_is_read() throws Exception {
        String next = Dft.message().controlId("NEXT").clm01("NEXT1").build();
        List<InputItem> items = read(GeneratedInput.of(MSH.strip() + "|", "x".repeat(1000), 500_000, "\r" + next));

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOfSatisfying(InputItem.Hl7TooLarge.class, big -> {
            assertThat(big.length()).isGreaterThan(500_000_000L);
            assertThat(big.head()).startsWith("MSH|").hasSizeLessThanOrEqualTo(4096);
        });
        assertThat(items.get(1)).isEqualTo(new InputItem.Hl7Message(2, next.strip()));
    }

    @Test
    void a_message_of_a_million_segments_is_too_large_and_keeps_its_msh() throws Exception {
        List<InputItem> items = read(GeneratedInput.of(MSH, "FT1|1|A-1||20261020||CG|99213^^C4|||1|1.00\r", 1_000_000, ""));

        assertThat(items).singleElement().isInstanceOfSatisfying(InputItem.Hl7TooLarge.class, big -> {
            assertThat(big.length()).isGreaterThan(40_000_000L);
            assertThat(big.head()).isEqualTo(MSH.strip());
        });
    }

    @Test
    void a_json_claim_with_a_million_service_lines_is_refused_before_it_is_built() throws Exception {
        String line = "{\"procedureCode\":\"99213\",\"chargeAmount\":1.00},";
        List<InputItem> items = read(GeneratedInput.of("[{\"patientControlNumber\":\"BIG1\",\"lines\":[", line, 1_000_000,
                "{}]}," + claim() + "]"));

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isEqualTo(new InputItem.InvalidJsonClaim(1, new io.claimshub.claim.Reason("claim #1",
                "CLAIM_TOO_LARGE", "field 'lines' has more than 1000 entries (the limit); split the claim")));
        assertThat(items.get(1)).isInstanceOf(InputItem.JsonClaim.class);
    }

    @Test
    void a_json_claim_with_too_many_diagnoses_names_the_list() throws Exception {
        String claim = claim().replace("\"diagnoses\" : [", "\"diagnoses\" : [" + "{\"code\":\"J209\"},".repeat(1000));

        assertThat(read(new ByteArrayInputStream(claim.getBytes(StandardCharsets.UTF_8)))).singleElement()
                .isInstanceOfSatisfying(InputItem.InvalidJsonClaim.class, invalid -> assertThat(invalid.reason().message())
                        .isEqualTo("field 'diagnoses' has more than 1000 entries (the limit); split the claim"));
    }

    @Test
    void a_json_claim_larger_than_the_message_limit_is_refused() throws Exception {
        String padding = "{\"code\":\"J209\",\"origin\":\"" + "y".repeat(10_000) + "\"},";
        List<InputItem> items = read(GeneratedInput.of("[{\"diagnoses\":[", padding, 200, "{}]}]"));

        assertThat(items).singleElement().isInstanceOfSatisfying(InputItem.InvalidJsonClaim.class, invalid ->
                assertThat(invalid.reason().message()).isEqualTo("the claim is larger than 1048576 characters (the limit)"));
    }

    @Test
    void a_500_megabyte_json_value_stops_the_file_with_its_reason() {
        assertThatThrownBy(() -> read(GeneratedInput.of("[" + claim() + ",{\"patientControlNumber\":\"", "z".repeat(1000),
                500_000, "\"}]")))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("claims.json: claim #2 has a value longer than 1048576 characters at line ")
                .hasMessageEndingWith("; the file was not read further");
    }

    @Test
    void a_file_with_more_items_than_the_limit_stops_after_the_limit() {
        ClinicFileReader small = new ClinicFileReader(new ReadLimits(1_048_576, 3, 1000, 100));
        List<InputItem> items = new ArrayList<>();
        String message = Dft.message().build();

        assertThatThrownBy(() -> small.read(GeneratedInput.of("", message, 5, ""), "many.hl7", 0, items::add))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("many.hl7: holds more than 3 messages; the first 3 were taken, put the rest in another file");
        assertThat(items).hasSize(3);
    }

    @Test
    void items_taken_before_are_skipped_and_a_sink_can_stop_the_reading() throws Exception {
        String file = Dft.message().controlId("A").build() + Dft.message().controlId("B").build()
                + Dft.message().controlId("C").build() + Dft.message().controlId("D").build();
        List<Integer> taken = new ArrayList<>();

        ClinicFileReader.Outcome outcome = reader.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                "four.hl7", 1, item -> {
                    taken.add(item.ordinal());
                    return item.ordinal() < 3;
                });

        assertThat(taken).containsExactly(2, 3);
        assertThat(outcome).isEqualTo(new ClinicFileReader.Outcome(3, true));
    }

    private List<InputItem> read(InputStream in) throws Exception {
        List<InputItem> items = new ArrayList<>();
        reader.read(in, "claims.json", 0, items::add);
        return items;
    }

    private static String claim() throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("examples/claim.json"));
    }
}
