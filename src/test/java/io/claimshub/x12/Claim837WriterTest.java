package io.claimshub.x12;

import io.claimshub.claim.Claim;
import io.claimshub.config.PayerConfig;
import io.claimshub.x12.X12TestReader.Segment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class Claim837WriterTest {

    private static final LocalDateTime CREATED = LocalDateTime.of(2024, 3, 20, 14, 5);
    private final Claim837Writer writer = new Claim837Writer();

    @Test
    void writes_the_golden_file_byte_for_byte() throws IOException {
        byte[] written = write(PayerConfig.Delimiters.DEFAULT, 123,
                new TransactionSet837("000000123", X12Fixtures.clinic("sunrise", "1234567893"),
                        List.of(X12Fixtures.selfInsured("ACCT1001"), X12Fixtures.dependent("ACCT1002"))));
        try (InputStream golden = getClass().getResourceAsStream("/x12/005010X222A1/two-claims.837")) {
            assertThat(new String(written, StandardCharsets.US_ASCII))
                    .isEqualTo(new String(golden.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void envelope_counts_and_control_numbers_agree() throws IOException {
        X12TestReader file = X12TestReader.read(write(PayerConfig.Delimiters.DEFAULT, 42,
                new TransactionSet837("000000042", X12Fixtures.clinic("sunrise", "1234567893"),
                        List.of(X12Fixtures.selfInsured("A1"))),
                new TransactionSet837("000000043", X12Fixtures.clinic("moonrise", "1245319599"),
                        List.of(X12Fixtures.dependent("B1"), X12Fixtures.selfInsured("B2")))));

        assertThat(file.values("ISA", 13)).containsExactly("000000042");
        assertThat(file.values("GS", 6)).containsExactly("42");
        assertThat(file.values("GE", 2)).containsExactly("42");
        assertThat(file.values("IEA", 2)).containsExactly("000000042");
        assertThat(file.values("GE", 1)).containsExactly("2");
        assertThat(file.values("IEA", 1)).containsExactly("1");
        assertThat(file.values("ST", 2)).containsExactly("000000042", "000000043");
        assertThat(file.values("SE", 2)).containsExactly("000000042", "000000043");
        List<Segment> all = file.segments();
        List<Integer> starts = IntStream.range(0, all.size()).filter(i -> all.get(i).tag().equals("ST")).boxed().toList();
        List<Integer> ends = IntStream.range(0, all.size()).filter(i -> all.get(i).tag().equals("SE")).boxed().toList();
        for (int set = 0; set < 2; set++) {
            assertThat(Integer.parseInt(file.values("SE", 1).get(set))).isEqualTo(ends.get(set) - starts.get(set) + 1);
        }
        assertThat(file.values("GS", 8)).containsExactly(Claim837Writer.VERSION);
        assertThat(file.values("BHT", 6)).containsExactly("CH", "CH");
    }

    @Test
    void hierarchy_puts_a_dependent_patient_under_the_subscriber() throws IOException {
        X12TestReader file = X12TestReader.read(write(PayerConfig.Delimiters.DEFAULT, 1,
                new TransactionSet837("0001", X12Fixtures.clinic("sunrise", "1234567893"),
                        List.of(X12Fixtures.selfInsured("A1"), X12Fixtures.dependent("A2")))));

        List<Segment> hl = file.segments("HL");
        assertThat(hl).extracting(s -> s.element(1)).containsExactly("1", "2", "3", "4");
        assertThat(hl).extracting(s -> s.element(2)).containsExactly("", "1", "1", "3");
        assertThat(hl).extracting(s -> s.element(3)).containsExactly("20", "22", "22", "23");
        assertThat(hl).extracting(s -> s.element(4)).containsExactly("1", "0", "1", "0");
        assertThat(file.values("SBR", 2)).containsExactly("18", "");
        assertThat(file.values("PAT", 1)).containsExactly("19");
        assertThat(file.values("NM1", 1)).contains("QC");
    }

    @Test
    void claim_total_equals_the_sum_of_the_lines_and_pointers_stay_within_hi() throws IOException {
        Claim claim = X12Fixtures.selfInsured("A1");
        X12TestReader file = X12TestReader.read(write(PayerConfig.Delimiters.DEFAULT, 1,
                new TransactionSet837("0001", X12Fixtures.clinic("sunrise", "1234567893"), List.of(claim))));

        BigDecimal lines = file.segments("SV1").stream().map(s -> new BigDecimal(s.element(2)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(new BigDecimal(file.values("CLM", 2).get(0))).isEqualByComparingTo(lines);
        assertThat(file.values("CLM", 2)).containsExactly("215.5");
        assertThat(file.segments("SV1").get(1).components(1)).containsExactly("HC", "87804", "QW", "59");
        assertThat(file.segments("SV1").get(1).components(7)).containsExactly("2", "1");
        assertThat(file.segments("HI").get(0).elements()).containsExactly(List.of("ABK", "J209"), List.of("ABF", "R059"));
        assertThat(file.values("REF", 2)).contains("A1-1", "A1-2");
        assertThat(file.segments("CLM").get(0).components(5)).containsExactly("11", "B", "1");
    }

    @Test
    void rendering_providers_are_written_only_where_they_differ() throws IOException {
        X12TestReader file = X12TestReader.read(write(PayerConfig.Delimiters.DEFAULT, 1,
                new TransactionSet837("0001", X12Fixtures.clinic("sunrise", "1234567893"),
                        List.of(X12Fixtures.selfInsured("A1")))));

        List<String> renderingNpis = file.segments("NM1").stream().filter(s -> s.element(1).equals("82"))
                .map(s -> s.element(9)).toList();
        // 2310B is line 1's provider; line 2's differs, so it gets a 2420A.
        assertThat(renderingNpis).containsExactly("1245319599", "1234567893");
        assertThat(file.segments("NM1").stream().filter(s -> s.element(1).equals("85")).map(s -> s.element(9)))
                .containsExactly("1234567893");
    }

    @Test
    void delimiter_characters_in_data_never_split_elements_and_values_are_upper_case() throws IOException {
        Claim base = X12Fixtures.selfInsured("A*1~2");
        Claim claim = new Claim(base.patientControlNumber(), base.totalCharge(), "1", null, null, null, null,
                base.patient(), List.of(new io.claimshub.claim.Coverage("IN1 #1", "ACME", "acme:health^plan", "GRP*1",
                "w12~3", "18", base.patient())), base.diagnoses(), base.lines(), List.of());
        X12TestReader file = X12TestReader.read(write(PayerConfig.Delimiters.DEFAULT, 1,
                new TransactionSet837("0001", X12Fixtures.clinic("sunrise", "1234567893"), List.of(claim))));

        assertThat(file.values("CLM", 1)).containsExactly("A 1 2");
        assertThat(file.segments("CLM").get(0).elements()).hasSize(9);
        assertThat(file.values("SBR", 3)).containsExactly("GRP 1");
        assertThat(file.segments("NM1").stream().filter(s -> s.element(1).equals("PR")).map(s -> s.element(3)))
                .containsExactly("ACME HEALTH PLAN");
        assertThat(file.segments("NM1").stream().filter(s -> s.element(1).equals("IL")).map(s -> s.element(9)))
                .containsExactly("W12 3");
    }

    @Test
    void payer_delimiters_are_used_and_no_segment_ends_with_an_empty_element() throws IOException {
        byte[] bytes = write(new PayerConfig.Delimiters('|', '>', '`', '\''), 7,
                new TransactionSet837("0007", X12Fixtures.clinic("sunrise", "1234567893"),
                        List.of(X12Fixtures.selfInsured("A1"))));
        String text = new String(bytes, StandardCharsets.US_ASCII);

        assertThat(text).startsWith("ISA|00|").contains("|`|00501|000000007|0|T|>'");
        assertThat(text).contains("SV1|HC>99214>25|145|UN|1|||1'");
        // ISA16 is the component separator itself; every other segment must end with data.
        assertThat(text).doesNotContain("\n");
        assertThat(java.util.Arrays.stream(text.split("'")).filter(segment -> !segment.startsWith("ISA")))
                .noneMatch(segment -> segment.endsWith("|") || segment.endsWith(">"));
        assertThat(X12TestReader.read(bytes).values("CLM", 1)).containsExactly("A1");
    }

    @Test
    void a_large_batch_streams_claims_as_they_are_iterated() throws IOException {
        int[] produced = {0};
        Iterable<Claim> claims = () -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced[0] < 5000;
            }

            @Override
            public Claim next() {
                return X12Fixtures.selfInsured("C" + (++produced[0]));
            }
        };
        CountingStream out = new CountingStream();
        writer.write(new Interchange837(X12Fixtures.payer(null), 9, CREATED, "9",
                List.of(new TransactionSet837("0009", X12Fixtures.clinic("sunrise", "1234567893"), claims))), out);

        assertThat(produced[0]).isEqualTo(5000);
        assertThat(out.segments).isGreaterThan(5000 * 15);
    }

    private byte[] write(PayerConfig.Delimiters delimiters, long controlNumber, TransactionSet837... sets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(new Interchange837(X12Fixtures.payer(delimiters), controlNumber, CREATED,
                String.valueOf(controlNumber), new ArrayList<>(List.of(sets))), out);
        return out.toByteArray();
    }

    /** Counts segments without keeping them, to show the writer does not need the whole file in memory. */
    private static final class CountingStream extends OutputStream {
        private long segments;

        @Override
        public void write(int b) {
            if (b == '~') {
                segments++;
            }
        }
    }
}
