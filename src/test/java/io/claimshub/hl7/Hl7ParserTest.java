package io.claimshub.hl7;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import io.claimshub.claim.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.claimshub.hl7.Hl7Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Hl7ParserTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final String VALID = read(Hl7Fixtures.VALID);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dft-p03-v23.hl7", "dft-p03-dependent-v24.hl7", "dft-p03-valid.hl7",
            "samples/fhir-converter-DFT-P03-01.hl7"})
    void parses_every_supported_version_into_the_v2_5_1_model(String fixture) throws Hl7Exception {
        assertThat(PARSER.parse(read(fixture))).isInstanceOf(DFT_P03.class);
    }

    @ParameterizedTest(name = "MSH-12 {0}")
    @ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1"})
    void accepts_versions_2_3_to_2_8_1(String version) throws Hl7Exception {
        Message message = PARSER.parse(VALID.replace("|P|2.5.1\r", "|P|" + version + "\r"));

        assertThat(PARSER.header(message).version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "MSH-12 {0}")
    @ValueSource(strings = {"2.1", "2.2", "2.8.2", "2.9", "3.0"})
    void refuses_other_versions_naming_msh_12(String version) {
        assertThatThrownBy(() -> PARSER.parse(VALID.replace("|P|2.5.1\r", "|P|" + version + "\r")))
                .isInstanceOf(Hl7Exception.class)
                .hasMessage("MSH-12: unsupported HL7 version " + version
                        + " (supported: 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.7.1, 2.8, 2.8.1)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CR", "LF", "CRLF"})
    void accepts_every_segment_ending_and_maps_them_alike(String name) throws Hl7Exception {
        String ending = Map.of("CR", "\r", "LF", "\n", "CRLF", "\r\n").get(name);
        Claim expected = new DftMapper().map(PARSER.parse(VALID)).claim();

        Message message = PARSER.parse(VALID.replace("\r", ending));

        assertThat(new DftMapper().map(message).claim()).isEqualTo(expected);
    }

    @Test
    void ignores_a_byte_order_mark_and_surrounding_blank_lines() throws Hl7Exception {
        Message message = PARSER.parse("\uFEFF\r\n" + VALID + "\r\n\r\n");

        assertThat(PARSER.header(message).controlId()).isEqualTo("SUN0000001");
    }

    @Test
    void refuses_xml_encoding() {
        assertThatThrownBy(() -> PARSER.parse("<?xml version=\"1.0\"?><DFT_P03><MSH/></DFT_P03>"))
                .isInstanceOf(Hl7Exception.class)
                .hasMessage("message: not an HL7 v2 message: XML encoding is not accepted, send ER7 (pipe-delimited) messages");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"PID|1||123", "hello", "ISA*00*"})
    void refuses_text_that_does_not_start_with_msh(String text) {
        assertThatThrownBy(() -> PARSER.parse(text))
                .isInstanceOf(Hl7Exception.class)
                .hasMessage("message: not an HL7 v2 message: it does not start with MSH")
                .extracting(e -> ((Hl7Exception) e).reason().code()).isEqualTo("NOT_HL7");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " \r\n "})
    void refuses_an_empty_message(String text) {
        assertThatThrownBy(() -> PARSER.parse(text)).hasMessage("message: not an HL7 v2 message: it is empty");
    }

    @Test
    void refuses_a_truncated_msh() {
        assertThatThrownBy(() -> PARSER.parse("MSH|^~\\&|EHR|SUNRISE|HUB\rPID|1||||DOE^JANE"))
                .isInstanceOf(Hl7Exception.class)
                .extracting(e -> ((Hl7Exception) e).reason().code()).isEqualTo("NOT_ER7");
    }

    @Test
    void refuses_an_msh_cut_short_inside_its_encoding_characters_with_a_reason() {
        // Found by the read paths' differential run: a line break inside MSH-2 made HAPI's EncodingCharacters
        // throw StringIndexOutOfBoundsException instead of the parser giving a reason.
        for (String text : List.of("MSH|^\n~\\&|EHR|SUNRISE|HUB|HUB|20261113170000||DFT^P03|C1|P|2.5.1",
                "MSH|^~\r\\&|EHR|SUNRISE|HUB|HUB|20261113170000||DFT^P03|C1|P|2.5.1\rPID|1")) {
            assertThatThrownBy(() -> PARSER.parse(text)).as(text)
                    .isInstanceOf(Hl7Exception.class)
                    .extracting(e -> ((Hl7Exception) e).reason().code()).isEqualTo("NOT_ER7");
            assertThatThrownBy(() -> PARSER.read(text)).as(text)
                    .isInstanceOf(Hl7Exception.class)
                    .extracting(e -> ((Hl7Exception) e).reason().code()).isEqualTo("NOT_ER7");
        }
    }

    @Test
    void refuses_other_message_types_naming_msh_9() {
        String adt = VALID.replace("DFT^P03^DFT_P03", "ADT^A04^ADT_A01");

        assertThatThrownBy(() -> PARSER.parse(adt))
                .isInstanceOf(Hl7Exception.class)
                .hasMessage("MSH-9: unsupported message type ADT^A04 (expected DFT^P03)");
    }

    @Test
    void a_message_hapi_cannot_parse_is_refused_without_quoting_its_content() {
        String brokenEncodingCharacters = VALID.replace("MSH|^~\\&|", "MSH|^|");

        assertThatThrownBy(() -> PARSER.parse(brokenEncodingCharacters))
                .isInstanceOf(Hl7Exception.class)
                .satisfies(e -> assertThat(((Hl7Exception) e).reason().code()).isEqualTo("UNPARSEABLE"))
                .message().doesNotContain("DOE", "JANE", "19800412", "ELM");
    }

    @Test
    void reads_the_header_of_a_parsed_message() throws Hl7Exception {
        assertThat(PARSER.header(PARSER.parse(VALID)))
                .isEqualTo(new MessageHeader("SUNRISE_EHR", "SUNRISE", "SUN0000001", "DFT^P03", "2.5.1"));
    }

    @Test
    void reads_the_header_of_raw_text_that_parse_refuses() throws Hl7Exception {
        String adt = VALID.replace("DFT^P03^DFT_P03", "ADT^A04^ADT_A01").replace("|P|2.5.1\r", "|P|2.2\r");

        assertThat(PARSER.header(adt)).isEqualTo(new MessageHeader("SUNRISE_EHR", "SUNRISE", "SUN0000001", "ADT^A04", "2.2"));
    }

    @Test
    void reads_a_v2_7_header_whose_msh_2_has_the_truncation_character() throws Hl7Exception {
        String v28 = VALID.replace("MSH|^~\\&|", "MSH|^~\\&#|").replace("|P|2.5.1\r", "|P|2.8\r");

        assertThat(PARSER.header(v28)).isEqualTo(new MessageHeader("SUNRISE_EHR", "SUNRISE", "SUN0000001", "DFT^P03", "2.8"));
        assertThat(new DftMapper().map(PARSER.parse(v28)).claim().totalCharge()).isEqualByComparingTo("215.00");
    }

    @Test
    void can_be_shared_by_threads_parsing_at_the_same_time() throws Exception {
        Hl7MessageFactory factory = new Hl7MessageFactory(7);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            messages.add(factory.next());
        }
        Hl7Parser shared = new Hl7Parser();
        DftMapper mapper = new DftMapper();
        Hl7Parser alone = new Hl7Parser();
        List<Claim> sequential = new ArrayList<>();
        for (String message : messages) {
            sequential.add(mapper.map(alone.parse(message)).claim());
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Claim>> concurrent = new ArrayList<>();
            for (String message : messages) {
                Callable<Claim> task = () -> mapper.map(shared.parse(message)).claim();
                concurrent.add(threads.submit(task));
            }
            for (int i = 0; i < messages.size(); i++) {
                assertThat(concurrent.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
