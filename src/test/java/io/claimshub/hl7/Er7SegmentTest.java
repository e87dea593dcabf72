package io.claimshub.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;
import ca.uhn.hl7v2.parser.PipeParser;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The lean reader finds every position where HAPI's own splitter puts it. */
class Er7SegmentTest {

    private static final EncodingCharacters CHARACTERS = new EncodingCharacters('|', "^~\\&|");
    private static final Escaping ESCAPING = new DefaultHapiContext().getParserConfiguration().getEscaping();
    private static final String ALPHABET = "ab 1|||~~^^&&\\\\XTEFSR.";

    @Test
    void every_position_of_random_segments_holds_what_hapis_split_and_escaping_give() {
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder("FT1|");
            for (int length = random.nextInt(30); length > 0; length--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String segment = text.toString();
            Er7Segment lean = Er7Segment.of(segment, ESCAPING, CHARACTERS);
            String[] fields = PipeParser.split(segment, "|");
            for (int field = 1; field <= fields.length + 1; field++) {
                String[] repetitions = PipeParser.split(field < fields.length ? fields[field] : null, "~");
                assertThat(lean.repetitions(field)).as(segment + " field " + field).isEqualTo(repetitions.length);
                for (int rep = 0; rep <= repetitions.length; rep++) {
                    String[] components = PipeParser.split(rep < repetitions.length ? repetitions[rep] : null, "^");
                    for (int comp = 1; comp <= components.length + 1; comp++) {
                        String[] subs = PipeParser.split(comp <= components.length ? components[comp - 1] : null, "&");
                        for (int sub = 1; sub <= subs.length + 1; sub++) {
                            String raw = sub <= subs.length ? subs[sub - 1] : null;
                            assertThat(lean.value(field, rep, comp, sub)).as(segment + " " + field + "/" + rep + "/" + comp + "/" + sub)
                                    .isEqualTo(raw == null ? null : ESCAPING.unescape(raw, CHARACTERS));
                        }
                    }
                }
            }
        }
    }

    @Test
    void the_msh_counts_the_field_separator_as_msh_1() {
        Er7Segment msh = Er7Segment.header("MSH|^~\\&|EHR|SUN\\T\\RISE||X|202612071200||DFT^P03|C1|P|2.5.1", ESCAPING, CHARACTERS);

        assertThat(msh.value(3, 0, 1, 1)).isEqualTo("EHR");
        assertThat(msh.value(4, 0, 1, 1)).isEqualTo("SUN&RISE");
        assertThat(msh.value(9, 0, 2, 1)).isEqualTo("P03");
        assertThat(msh.value(12, 0, 1, 1)).isEqualTo("2.5.1");
        assertThat(msh.value(13, 0, 1, 1)).isNull();
    }

    @Test
    void a_segment_of_delimiters_and_decoded_nothing_is_empty() {
        assertThat(Er7Segment.of("DG1|^~&||", ESCAPING, CHARACTERS).isEmpty()).isTrue();
        assertThat(Er7Segment.of("DG1|", ESCAPING, CHARACTERS).isEmpty()).isTrue();
        assertThat(Er7Segment.of("DG1|| ", ESCAPING, CHARACTERS).isEmpty()).isFalse();
        assertThat(Er7Segment.of("DG1|^\\F\\", ESCAPING, CHARACTERS).isEmpty()).isFalse();
    }
}
