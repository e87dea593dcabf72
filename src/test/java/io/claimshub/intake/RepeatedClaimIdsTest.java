package io.claimshub.intake;

import io.claimshub.claim.Reason;
import io.claimshub.testing.Dft;
import io.claimshub.testing.IntakeBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** One CLM01 twice in one unit of work: the later claim gets a rejection naming both messages. */
class RepeatedClaimIdsTest {

    @TempDir
    Path workDir;
    private IntakeBed bed;
    private final RepeatedClaimIds seen = new RepeatedClaimIds();

    @BeforeEach
    void setUp() throws Exception {
        bed = new IntakeBed(workDir, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void the_first_use_of_a_clm01_passes_unchanged_and_the_second_is_rejected_naming_both_messages() {
        ClaimPreparation.Mapped first = map("M1", "H1");
        ClaimPreparation.Mapped second = map("M2", "H1");

        ClaimPreparation.Mapped firstChecked = seen.check("sunrise", first, new SourceRef("file", "visits.hl7", 1, "M1"));
        ClaimPreparation.Mapped secondChecked = seen.check("sunrise", second, new SourceRef("file", "visits.hl7", 2, "M2"));

        assertThat(firstChecked).isSameAs(first);
        assertThat(secondChecked.problems()).hasSize(second.problems().size() + 1);
        Reason added = secondChecked.problems().get(secondChecked.problems().size() - 1);
        assertThat(added.code()).isEqualTo("CLM01_REPEATED");
        assertThat(added.message()).isEqualTo("patient control number H1 of visits.hl7 message #2 (MSH-10 M2) is also the"
                + " CLM01 of visits.hl7 message #1 (MSH-10 M1); each claim needs its own CLM01 (PID-18 / PV1-19),"
                + " so this one was not sent");
    }

    @Test
    void the_same_clm01_at_two_clinics_or_two_different_clm01s_are_not_repeats() {
        ClaimPreparation.Mapped sunrise = seen.check("sunrise", map("M1", "H1"), new SourceRef("file", "a.hl7", 1, "M1"));
        ClaimPreparation.Mapped moonlight = seen.check("moonlight", map("M2", "H1"), new SourceRef("file", "a.hl7", 2, "M2"));
        ClaimPreparation.Mapped other = seen.check("sunrise", map("M3", "H2"), new SourceRef("file", "a.hl7", 3, "M3"));

        assertThat(sunrise.problems()).noneMatch(r -> r.code().equals("CLM01_REPEATED"));
        assertThat(moonlight.problems()).noneMatch(r -> r.code().equals("CLM01_REPEATED"));
        assertThat(other.problems()).noneMatch(r -> r.code().equals("CLM01_REPEATED"));
    }

    private ClaimPreparation.Mapped map(String controlId, String clm01) {
        ClaimPreparation.Mapped mapped = bed.preparation.map(new InputItem.Hl7Message(1,
                Dft.message().controlId(controlId).clm01(clm01).build()));
        assertThat(mapped.readable()).isTrue();
        return mapped;
    }
}
