package io.claimshub.hl7;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Hl7MessageFactoryTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 1);

    private static List<String> generate(long seed, int count) {
        Hl7MessageFactory factory = new Hl7MessageFactory(seed, TODAY);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(factory.next());
        }
        return messages;
    }

    @Test
    void generated_messages_parse_and_map_without_a_problem_and_vary() throws Hl7Exception {
        Hl7Parser parser = new Hl7Parser();
        DftMapper mapper = new DftMapper();
        List<Claim> claims = new ArrayList<>();
        for (String message : generate(42, 300)) {
            MappingResult result = mapper.map(parser.parse(message));
            assertThat(result.problems()).isEmpty();
            claims.add(result.claim());
        }

        assertThat(claims).extracting(claim -> claim.lines().size()).contains(1, 6).allMatch(n -> n >= 1 && n <= 6);
        assertThat(claims).extracting(claim -> claim.diagnoses().size()).contains(1, 4);
        assertThat(claims).extracting(claim -> claim.coverages().size()).contains(1, 2);
        assertThat(claims).anyMatch(claim -> !claim.primaryCoverage().patientIsInsured());
        assertThat(claims).allMatch(claim -> claim.primaryCoverage().payerKey().equals("ACME"));
        assertThat(claims).flatExtracting(Claim::lines).allMatch(line -> line.serviceDate().isBefore(TODAY));
        assertThat(claims).extracting(Claim::patientControlNumber).doesNotHaveDuplicates();
        assertThat(claims).flatExtracting(Claim::coverages).extracting(Coverage::memberId).doesNotContainNull();
    }

    @Test
    void the_same_seed_gives_the_same_messages() {
        assertThat(generate(42, 20)).isEqualTo(generate(42, 20)).isNotEqualTo(generate(43, 20));
    }

    @Test
    void writes_a_batch_that_the_batch_reader_splits_back() throws IOException {
        StringBuilder file = new StringBuilder();
        new Hl7MessageFactory(5, TODAY).writeBatch(file, 50);

        try (Hl7BatchReader reader = new Hl7BatchReader(new StringReader(file.toString()))) {
            reader.forEachRemaining(message -> { });

            assertThat(reader.messagesRead()).isEqualTo(50);
            assertThat(reader.declaredMessageCount()).hasValue(50);
        }
    }
}
