package io.claimshub.intake;

import io.claimshub.testing.Dft;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.Reason;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimPreparation.Input;
import io.claimshub.intake.ClaimPreparation.Prepared;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call prepares a claim for each way in: the edits' reasons and the payer with the claim, or the
 * precise reason no claim (or no clinic) could be made. The reasons kept for one claim are capped, and the
 * last one says how many more there were.
 */
class ClaimPreparationTest {

    private static final SourceRef FILE = new SourceRef("file", "visits.hl7", 1, null);

    private final PartnerConfig partners = load();
    private final ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
            new ClaimEdits(Clock.systemUTC()));
    private final ClinicConfig sunrise = partners.clinic("sunrise").orElseThrow();

    private static PartnerConfig load() {
        try {
            return PartnerConfigLoader.load(Path.of("src/test/resources/e2e/config"), Path.of("."));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_good_message_comes_back_edited_with_its_payer_and_its_message_named_in_the_source() {
        Prepared prepared = preparation.prepare(Input.sentFor(sunrise, hl7(3, Dft.message().controlId("M1").clm01("H1").build()),
                FILE, new RepeatedClaimIds()));

        assertThat(prepared).isInstanceOfSatisfying(Prepared.Edited.class, edited -> {
            assertThat(edited.reasons()).isEmpty();
            assertThat(edited.payerId()).isEqualTo("acme");
            assertThat(edited.claim().patientControlNumber()).isEqualTo("H1");
            assertThat(edited.source()).isEqualTo(new SourceRef("file", "visits.hl7", 3, "M1"));
        });
    }

    @Test
    void a_file_message_whose_msh4_is_another_clinics_is_unreadable_for_this_one() {
        Prepared prepared = preparation.prepare(Input.sentFor(sunrise,
                hl7(1, Dft.message().controlId("M2").build().replace("|SUNRISE|", "|ELSEWHERE|")), FILE, new RepeatedClaimIds()));

        assertThat(prepared).isInstanceOfSatisfying(Prepared.Unreadable.class, unreadable -> {
            assertThat(unreadable.reasons()).extracting(Reason::text).containsExactly("MSH-4: unknown sending facility"
                    + " 'ELSEWHERE': it is not listed in any clinic's sendingFacilities");
            assertThat(unreadable.source().controlId()).isEqualTo("M2");
        });
    }

    @Test
    void a_live_message_no_clinic_lists_is_refused_with_its_header_and_nothing_to_record() {
        Prepared prepared = preparation.prepare(Input.liveMessage(
                Dft.message().controlId("M3").build().replace("|SUNRISE|", "|ELSEWHERE|"), new SourceRef("mllp", "x", 1, null), 100_000));

        assertThat(prepared).isInstanceOfSatisfying(Prepared.Refused.class, refused -> {
            assertThat(refused.reason().code()).isEqualTo("UNKNOWN_SENDING_FACILITY");
            assertThat(refused.header().controlId()).isEqualTo("M3");
            assertThat(refused.clinic()).isNull();
        });
    }

    @Test
    void a_live_message_over_the_limit_is_refused_before_it_is_parsed() {
        String message = Dft.message().controlId("M4").build();

        Prepared prepared = preparation.prepare(Input.liveMessage(message, new SourceRef("mllp", "x", 1, null), 100));

        assertThat(prepared).isInstanceOfSatisfying(Prepared.Refused.class, refused -> {
            assertThat(refused.reason().text()).isEqualTo("message: the message has " + message.length()
                    + " characters; the limit is 100: split the charges into several messages");
            assertThat(refused.header().controlId()).isEqualTo("M4");
        });
    }

    @Test
    void convert_without_a_clinic_refuses_an_msh4_no_clinic_lists_and_keeps_the_claim_for_the_report() {
        Prepared prepared = preparation.prepare(Input.converted(null,
                hl7(1, Dft.message().clm01("H5").build().replace("|SUNRISE|", "|ELSEWHERE|")), FILE, new RepeatedClaimIds()));

        assertThat(prepared).isInstanceOfSatisfying(Prepared.Refused.class, refused -> {
            assertThat(refused.reason().text()).isEqualTo("MSH-4: sending facility 'ELSEWHERE' is not listed in any"
                    + " clinic's sendingFacilities; pass --clinic");
            assertThat(refused.claim().patientControlNumber()).isEqualTo("H5");
        });
    }

    private static InputItem hl7(int ordinal, String er7) {
        return new InputItem.Hl7Message(ordinal, er7);
    }

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
