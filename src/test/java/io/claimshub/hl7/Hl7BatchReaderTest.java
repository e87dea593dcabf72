package io.claimshub.hl7;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static io.claimshub.hl7.Hl7Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Hl7BatchReaderTest {

    private static final String VALID = read(Hl7Fixtures.VALID);

    private static List<BatchMessage> readAll(String file) throws IOException {
        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader(file))) {
            List<BatchMessage> messages = new ArrayList<>();
            reader.forEachRemaining(messages::add);
            return messages;
        }
    }

    @Test
    void a_file_with_one_message_yields_it_with_ordinal_1() throws IOException {
        assertThat(readAll(VALID)).containsExactly(new BatchMessage(1, VALID.strip()));
    }

    @Test
    void messages_one_after_the_other_are_split_on_msh_and_blank_lines_are_dropped() throws IOException {
        List<BatchMessage> messages = readAll(read("concatenated.hl7"));

        assertThat(messages).extracting(BatchMessage::ordinal).containsExactly(1, 2, 3);
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.er7()).startsWith("MSH|").doesNotContain("\n", "\r\r");
        });
        assertThat(messages.get(0).er7()).isEqualTo(VALID.strip());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CR", "LF", "CRLF"})
    void every_segment_ending_gives_the_same_messages(String name) throws IOException {
        String ending = Map.of("CR", "\r", "LF", "\n", "CRLF", "\r\n").get(name);
        String file = (VALID + VALID).replace("\r", ending);

        assertThat(readAll(file)).extracting(BatchMessage::er7).containsExactly(VALID.strip(), VALID.strip());
    }

    @Test
    void a_batch_envelope_is_skipped_and_a_broken_message_does_not_stop_the_others() throws IOException {
        Hl7Parser parser = new Hl7Parser();
        DftMapper mapper = new DftMapper();
        List<String> outcomes = new ArrayList<>();
        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader(read("batch-fhs-bhs.hl7")))) {
            while (reader.hasNext()) {
                BatchMessage message = reader.next();
                try {
                    MessageHeader header = parser.header(message.er7());
                    outcomes.add(message.label(header) + " CLM01 "
                            + mapper.map(parser.parse(message.er7())).claim().patientControlNumber());
                } catch (Hl7Exception e) {
                    outcomes.add(message.label() + " refused: " + e.getMessage());
                }
            }
            assertThat(reader.messagesRead()).isEqualTo(3);
            assertThat(reader.declaredMessageCount()).hasValue(3);
        }

        assertThat(outcomes).containsExactly(
                "message #1 (MSH-10 BATCH-0001) CLM01 ACCT1004501",
                "message #2 refused: MSH-9: unsupported message type empty (expected DFT^P03)",
                "message #3 (MSH-10 BATCH-0003) CLM01 V99012");
    }

    @Test
    void envelope_segments_never_end_up_inside_a_message() throws IOException {
        assertThat(readAll(read("batch-fhs-bhs.hl7"))).extracting(BatchMessage::er7)
                .noneMatch(er7 -> er7.matches("(?s).*(^|\r)(FHS|BHS|BTS|FTS)\\|.*"));
    }

    @Test
    void a_file_without_a_batch_trailer_declares_no_count() throws IOException {
        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader(VALID))) {
            reader.forEachRemaining(message -> { });

            assertThat(reader.declaredMessageCount()).isEmpty();
        }
    }

    @Test
    void a_byte_order_mark_and_mllp_framing_characters_are_dropped() throws IOException {
        String file = "\uFEFF\u000b" + VALID + "\u001c\r\u000b" + VALID + "\u001c\r";

        assertThat(readAll(file)).extracting(BatchMessage::er7).containsExactly(VALID.strip(), VALID.strip());
    }

    @Test
    void lines_before_the_first_msh_are_handed_out_so_that_the_parser_reports_them() throws IOException {
        List<BatchMessage> messages = readAll("exported by EHR at 08:00\n" + VALID);

        assertThat(messages).extracting(BatchMessage::er7).containsExactly("exported by EHR at 08:00", VALID.strip());
        assertThatThrownBy(() -> new Hl7Parser().parse(messages.get(0).er7()))
                .hasMessage("message: not an HL7 v2 message: it does not start with MSH");
    }

    @Test
    void the_text_of_a_message_stays_out_of_its_string_form() throws IOException {
        BatchMessage message = readAll(VALID).get(0);

        assertThat(message.toString()).isEqualTo("message #1 (" + VALID.strip().length() + " characters)")
                .doesNotContain("DOE");
    }

    @Test
    void an_empty_file_has_no_message() throws IOException {
        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader("\r\n\r\n"))) {
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void reads_no_further_than_the_start_of_the_next_message() throws IOException {
        CountingReader file = new CountingReader(new GeneratedFile(VALID, 1_000));
        try (Hl7BatchReader reader = new Hl7BatchReader(file)) {
            reader.next();
            reader.next();

            // Two messages, the next MSH and at most one read buffer (8192 characters) beyond them.
            assertThat(file.charactersRead).isLessThan(3L * VALID.length() + 8192);
        }
    }

    @Test
    void streams_a_hundred_thousand_message_file() throws IOException {
        try (Hl7BatchReader reader = new Hl7BatchReader(new GeneratedFile(VALID, 100_000))) {
            BatchMessage last = null;
            while (reader.hasNext()) {
                last = reader.next();
            }

            assertThat(last).isEqualTo(new BatchMessage(100_000, VALID.strip()));
        }
    }

    /** A file of the same message repeated, produced as it is read and never held in memory. */
    private static final class GeneratedFile extends Reader {
        private final String message;
        private int messagesLeft;
        private int position;

        GeneratedFile(String message, int messages) {
            this.message = message;
            this.messagesLeft = messages;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (messagesLeft == 0) {
                return -1;
            }
            int count = Math.min(length, message.length() - position);
            message.getChars(position, position + count, buffer, offset);
            position += count;
            if (position == message.length()) {
                position = 0;
                messagesLeft--;
            }
            return count;
        }

        @Override
        public void close() {
        }
    }

    private static final class CountingReader extends Reader {
        private final Reader reader;
        private long charactersRead;

        CountingReader(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int count = reader.read(buffer, offset, length);
            charactersRead += Math.max(count, 0);
            return count;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
