package io.claimshub.x12.replies;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;

/** One clinic's share of an 835, written with StAEDI: its claims only, the payment header kept, counts redone. */
class RemittanceCopyWriterTest {

    private final ReplyFileReader reader = new ReplyFileReader();
    private final RemittanceCopyWriter writer = new RemittanceCopyWriter();

    @Test
    void a_copy_of_a_published_835_holds_only_the_chosen_claims_with_their_lines_and_a_recounted_trailer() throws Exception {
        ReplyFile file = reader.read(ReplyFileReaderTest.sample("005010X221A1/multiple-claims-single-check.edi"));

        byte[] copy = writer.write(file, new RemittanceCopyWriter.Share(
                Set.of(new RemittanceCopyWriter.Kept(0, 1), new RemittanceCopyWriter.Kept(0, 4)), Set.of()));

        ReplyFile read = reader.read(copy);
        Remittance remittance = read.remittances().get(0);
        assertThat(remittance.claims()).hasSize(2);
        assertThat(remittance.claims().get(0)).usingRecursiveComparison().ignoringFields("firstSegment", "endSegment")
                .isEqualTo(file.remittances().get(0).claims().get(1));
        assertThat(remittance.claims().get(1)).usingRecursiveComparison().ignoringFields("firstSegment", "endSegment")
                .isEqualTo(file.remittances().get(0).claims().get(4));
        assertThat(remittance.checkNumber()).isEqualTo("12345");
        assertThat(read.interchanges().get(0).controlNumber()).isEqualTo("000000195");
        String text = new String(copy, StandardCharsets.US_ASCII);
        assertThat(text).contains("N1*PE*BAN DDS LLC*FI*999994703~").contains("LX*2~").doesNotContain("LX*1~");
    }

    @Test
    void the_copy_keeps_the_senders_delimiters_and_leaves_out_the_plb_of_another_provider() throws Exception {
        byte[] original = X12Replies.file('|', '>', '\n').interchange("000000042").group("HP", "42", "005010X221A1")
                .set("835", "0001", "005010X221A1", seg("BPR", "I", "150", "C", "CHK"), seg("TRN", "1", "CHK1", "1"),
                        seg("N1", "PE", "HUB"), seg("LX", "1"),
                        seg("CLP", "A1", "1", "100", "100", "", "12", "P1"), seg("SVC", comp("HC", "99213"), "100", "100"),
                        seg("CLP", "B1", "1", "50", "50", "", "12", "P2"), seg("SVC", comp("HC", "99212"), "50", "50"),
                        seg("PLB", "1234567893", "20261231", comp("WO", "X1"), "10"))
                .bytes();

        byte[] copy = writer.write(reader.read(original), new RemittanceCopyWriter.Share(
                Set.of(new RemittanceCopyWriter.Kept(0, 1)), Set.of()));

        assertThat(new String(copy, StandardCharsets.US_ASCII)).endsWith(String.join("\n",
                "LX|1", "CLP|B1|1|50|50||12|P2", "SVC|HC>99212|50|50", "SE|8|0001", "GE|1|42", "IEA|1|000000042", ""));
        assertThat(new String(copy, StandardCharsets.US_ASCII)).doesNotContain("PLB").doesNotContain("CLP|A1")
                .startsWith("ISA").contains("BPR|I|50.00|C|CHK");
    }
}
