package io.claimshub.hl7;

import io.claimshub.claim.Reason;
import io.claimshub.hl7.AckBuilder.Code;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The acknowledgements the hub sends, segment by segment (MSH-7 and MSH-10 vary, so they are masked). */
class AckBuilderTest {

    private static final MessageHeader DFT = new MessageHeader("EPICCARE", "SUNRISE", "MSG0001", "DFT^P03", "2.5.1");

    private final AckBuilder acks = new AckBuilder("CLAIMSHUB", "HUB");

    @Test
    void an_aa_names_the_hub_the_senders_application_and_facility_and_the_message_it_acknowledges() {
        assertThat(segments(acks.build(DFT, Code.AA, List.of()))).containsExactly(
                "MSH|^~\\&|CLAIMSHUB|HUB|EPICCARE|SUNRISE|<time>||ACK^P03|<id>|P|2.5.1",
                "MSA|AA|MSG0001");
    }

    @Test
    void an_ae_has_one_err_per_reason_with_location_hl7_code_severity_and_the_clerks_text() {
        String ack = acks.build(DFT, Code.AE, List.of(
                new Reason("FT1 #2", "NPI_CHECK_DIGIT", "rendering provider NPI 1234567890 fails the check digit"),
                new Reason("PID-18", "CLM01_MISSING", "patient account number (CLM01) is missing"),
                new Reason("claim", "TOTAL_MISMATCH", "the total does not match the lines")));

        assertThat(segments(ack)).containsExactly(
                "MSH|^~\\&|CLAIMSHUB|HUB|EPICCARE|SUNRISE|<time>||ACK^P03|<id>|P|2.5.1",
                "MSA|AE|MSG0001",
                "ERR||FT1^2|207|E|NPI_CHECK_DIGIT|||FT1 #2: rendering provider NPI 1234567890 fails the check digit",
                "ERR||PID^1^18|101|E|CLM01_MISSING|||PID-18: patient account number (CLM01) is missing",
                "ERR|||207|E|TOTAL_MISMATCH|||claim: the total does not match the lines");
    }

    @Test
    void an_ar_for_an_unsupported_type_or_version_uses_hl7_codes_200_and_203() {
        MessageHeader adt = new MessageHeader("EPICCARE", "SUNRISE", "MSG0002", "ADT^A04", "2.5.1");

        assertThat(segments(acks.build(adt, Code.AR, List.of(
                new Reason("MSH-9", "UNSUPPORTED_MESSAGE_TYPE", "unsupported message type ADT^A04 (expected DFT^P03)")))))
                .containsExactly(
                        "MSH|^~\\&|CLAIMSHUB|HUB|EPICCARE|SUNRISE|<time>||ACK^A04|<id>|P|2.5.1",
                        "MSA|AR|MSG0002",
                        "ERR||MSH^1^9|200|E|UNSUPPORTED_MESSAGE_TYPE|||MSH-9: unsupported message type ADT\\S\\A04 (expected DFT\\S\\P03)");
        assertThat(segments(acks.build(DFT, Code.AR, List.of(
                new Reason("MSH-12", "UNSUPPORTED_VERSION", "unsupported HL7 version 2.2")))))
                .contains("ERR||MSH^1^12|203|E|UNSUPPORTED_VERSION|||MSH-12: unsupported HL7 version 2.2");
    }

    @Test
    void a_message_without_a_readable_msh_is_refused_without_a_control_id() {
        assertThat(segments(acks.build(null, Code.AR, List.of(
                new Reason("message", "NOT_HL7", "not an HL7 v2 message: it does not start with MSH")))))
                .containsExactly(
                        "MSH|^~\\&|CLAIMSHUB|HUB|||<time>||ACK^P03|<id>|P|2.5.1",
                        "MSA|AR",
                        "ERR|||207|E|NOT_HL7|||message: not an HL7 v2 message: it does not start with MSH");
    }

    @Test
    void every_acknowledgement_gets_a_control_id_of_its_own_within_msh_10s_20_characters() {
        String first = field(acks.build(DFT, Code.AA, List.of()));
        String second = field(acks.build(DFT, Code.AA, List.of()));

        assertThat(first).isNotEqualTo(second).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void msh_7_is_the_local_time_to_the_millisecond_with_its_offset() {
        ZonedDateTime before = ZonedDateTime.now().truncatedTo(ChronoUnit.MILLIS);
        String time = field(acks.build(DFT, Code.AA, List.of()), 6);
        ZonedDateTime after = ZonedDateTime.now();

        assertThat(time).matches("\\d{14}\\.\\d{3}[+-]\\d{4}");
        ZonedDateTime stamped = ZonedDateTime.parse(time, DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ"));
        assertThat(stamped).isBetween(before, after);
    }

    @Test
    void the_acknowledgement_written_directly_is_byte_for_byte_the_one_hapi_encodes() {
        List<MessageHeader> headers = Arrays.asList(DFT, null,
                new MessageHeader("", "", "", "DFT^P03", "2.3"),
                new MessageHeader(null, null, null, null, null),
                new MessageHeader("EPIC CARE ", " SUNRISE", "MSG 0001", "ADT^A04^ADT_A01", "2.5.1"),
                new MessageHeader("EPICCARE", "SUNRISE", "12345678901234567890123", "DFT", "2.4"));
        List<List<Reason>> reasonLists = List.of(List.of(),
                List.of(new Reason("FT1 #2", "NPI_CHECK_DIGIT", "rendering provider NPI 1234567890 fails the check digit")),
                List.of(new Reason("PID-18", "CLM01_MISSING", "patient account number (CLM01) is missing"),
                        new Reason("claim", "TOTAL_MISMATCH", "the total does not match the lines"),
                        new Reason("FT1 #12-7", "", " "), new Reason("file", "UNKNOWN_PAYER", "payer 'X' (IN1-3) is unknown")));
        int direct = 0;
        for (MessageHeader header : headers) {
            for (List<Reason> reasons : reasonLists) {
                for (Code code : Code.values()) {
                    String written = acks.direct(header, code, reasons, "20261207142501.123+0100", "MIG1X-42");
                    String hapi = acks.withHapi(header, code, reasons, "20261207142501.123+0100", "MIG1X-42");
                    if (written != null) {
                        direct++;
                        assertThat(written).as("%s %s %s", header, code, reasons).isEqualTo(hapi);
                    }
                }
            }
        }
        // HAPI's alone: the header with spaces at the ends of values and a component separator in its trigger
        // event, and the reason whose text ends with spaces (HAPI trims them)
        assertThat(direct).isEqualTo(5 * 2 * 3);
    }

    @Test
    void values_that_need_escaping_or_are_not_plain_ascii_are_encoded_by_hapi() {
        List<Reason> reasons = List.of(new Reason("MSH-9", "UNSUPPORTED_MESSAGE_TYPE", "type A|B^C~D\\E&F"),
                new Reason("PID-5", "NAME", "caf\u00e9 line\rbreak"));
        for (Reason reason : reasons) {
            assertThat(acks.direct(DFT, Code.AR, List.of(reason), "20261207142501.123+0100", "ID-1")).isNull();
        }
        assertThat(segments(acks.build(DFT, Code.AR, reasons.subList(0, 1))))
                .contains("ERR||MSH^1^9|200|E|UNSUPPORTED_MESSAGE_TYPE|||MSH-9: type A\\F\\B\\S\\C\\R\\D\\E\\E\\T\\F");
    }

    private static String field(String ack) {
        return field(ack, 9);
    }

    private static String field(String ack, int index) {
        return ack.split("\r")[0].split("\\|")[index];
    }

    /** The ACK's segments with MSH-7 (time) and MSH-10 (id) replaced by placeholders. */
    private static List<String> segments(String ack) {
        return Arrays.stream(ack.split("\r")).map(segment -> {
            if (!segment.startsWith("MSH|")) {
                return segment;
            }
            String[] fields = segment.split("\\|", -1);
            fields[6] = "<time>";
            fields[9] = "<id>";
            return String.join("|", fields);
        }).toList();
    }
}
