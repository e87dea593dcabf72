package io.claimshub.intake;

import io.claimshub.testing.Dft;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.Reason;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reasons kept for one claim are capped, and the last one says how many more there were. */
class ClaimPreparationTest {

    @Test
    void a_claim_with_more_reasons_than_the_limit_keeps_the_first_and_counts_the_rest() throws Exception {
        PartnerConfig partners = PartnerConfigLoader.load(Path.of("src/test/resources/e2e/config"), Path.of("."));
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                new ClaimEdits(Clock.systemUTC()), new ReadLimits(1_048_576, 100, 1000, 5));
        String message = Dft.message().renderingNpi("1234567890").build();
        String ft1 = message.lines().flatMap(l -> List.of(l.split("\r")).stream()).filter(s -> s.startsWith("FT1|2|"))
                .findFirst().orElseThrow();
        // 40 more charge lines, each with the same bad rendering NPI
        String extra = IntStream.rangeClosed(3, 42).mapToObj(i -> ft1.replaceFirst("^FT1\\|2\\|", "FT1|" + i + "|"))
                .collect(Collectors.joining("\r", "", "\r"));
        String many = message.replace("DG1|1|", extra + "DG1|1|");

        ClaimPreparation.Prepared prepared = preparation.prepare(ClaimPreparation.Input.sentFor(
                partners.clinic("sunrise").orElseThrow(), new InputItem.Hl7Message(1, many),
                new SourceRef("file", "many.hl7", 1, null), new RepeatedClaimIds()));
        List<Reason> reasons = ((ClaimPreparation.Prepared.Edited) prepared).reasons();

        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(4).code()).isEqualTo("MORE_REASONS");
        assertThat(reasons.get(4).text()).matches("claim: \\d+ more reasons are not listed; correct the ones above and"
                + " send the claim again");
        assertThat(Integer.parseInt(reasons.get(4).message().split(" ")[0])).isGreaterThanOrEqualTo(38);
    }
}
