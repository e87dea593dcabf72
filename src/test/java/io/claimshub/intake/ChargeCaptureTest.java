package io.claimshub.intake;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Dft;
import io.claimshub.testing.Ledgers;
import io.claimshub.testing.TestClock;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.ClaimJson;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.ledger.ClaimQueries.ClaimRecord;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.EncounterLedger.ChargeRow;
import io.claimshub.ledger.EncounterLedger.Encounter;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.mllp.MllpMessageHandler;
import io.claimshub.observe.ClaimMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Charge capture end to end below the sockets: DFTs in through the MLLP handler (ACKs checked), encounters in
 * a real ledger (H2, and PostgreSQL when CLAIMSHUB_TEST_PG_URL names one), released into claims by
 * {@link EncounterRelease} as the clock moves.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.claimshub.ledger.LedgerDatabases#names")
class ChargeCaptureTest {

    @Parameter
    String databaseName;

    @TempDir
    Path workDir;
    private final TestClock clock = new TestClock();
    private LedgerDatabases.Target target;
    private LedgerDatabase database;
    private Ledgers ledger;
    private EncounterLedger encounters;
    private MllpMessageHandler handler;
    private EncounterRelease release;
    private ClaimIntake intake;
    private PartnerConfig partners;

    /** The e2e clinics with {@code settings} (YAML lines) added to clinic sunrise. */
    private void start(String... settings) throws Exception {
        Path config = Files.createDirectories(workDir.resolve("config"));
        String clinics = Files.readString(Path.of("src/test/resources/e2e/config/clinics.yaml"));
        StringBuilder extra = new StringBuilder();
        for (String setting : settings) {
            extra.append("    ").append(setting).append('\n');
        }
        clinics = clinics.replaceFirst("(?m)^(    replyTo: folder\\n)", "$1" + extra);
        Files.writeString(config.resolve("clinics.yaml"), clinics);
        Files.copy(Path.of("src/test/resources/e2e/config/payers.yaml"), config.resolve("payers.yaml"));
        PartnerConfig partners = PartnerConfigLoader.load(config, workDir);
        target = LedgerDatabases.target(databaseName, workDir);
        database = target.open();
        ledger = Ledgers.open(database.dataSource(), clock);
        encounters = new EncounterLedger(database.dataSource(), clock);
        Hl7Parser parser = new Hl7Parser();
        ClaimPreparation preparation = new ClaimPreparation(partners, parser, new DftMapper(), new ClaimEdits(clock));
        ClaimMetrics metrics = new ClaimMetrics(new SimpleMeterRegistry());
        intake = new ClaimIntake(preparation, ledger.intake(), new RejectionWriter(clock), payer -> { }, metrics,
                new ChargeCapture(encounters, clock));
        this.partners = partners;
        handler = new MllpMessageHandler(partners, preparation, intake, ledger.intake(),
                new AckBuilder("CLAIMSHUB", "HUB"), 100_000, metrics);
        release = new EncounterRelease(encounters, ledger.intake(), ledger.queries(), intake, partners);
    }

    @AfterEach
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void two_dfts_for_one_visit_ten_minutes_apart_with_a_one_hour_hold_become_one_claim_with_both_lines() throws Exception {
        start("billHold: 1h");

        assertThat(msa(send(Dft.charges("M1").charge("T1", "99213", "25", "125.00", "J20.9")))).isEqualTo("MSA|AA|M1");
        clock.advance(Duration.ofMinutes(10));
        assertThat(msa(send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "R05.9")
                .diagnosis("R05.9", 1)))).isEqualTo("MSA|AA|M2");

        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).as("held: no claim yet").isEmpty();
        Encounter held = encounters.encounter("sunrise", "ACC500").orElseThrow();
        assertThat(held.state()).isEqualTo("HELD");
        assertThat(held.releaseAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(release.releaseDue()).as("not quiet for an hour yet").isZero();

        clock.advance(Duration.ofMinutes(1));
        assertThat(release.releaseDue()).isEqualTo(1);

        ClaimRecord record = ledger.queries().findByClm01("sunrise", "ACC500").get(0);
        assertThat(record.status()).isEqualTo(ClaimStatus.VALIDATED);
        Claim claim = payload(record);
        assertThat(claim.lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1", "T2");
        assertThat(claim.totalCharge()).isEqualByComparingTo("205.00");
        assertThat(claim.frequencyCode()).isEqualTo("1");
        // J20.9 and R05.9 were each principal (DG1-15 = 1) in their message: the earlier one stays first
        assertThat(claim.diagnoses()).extracting(Diagnosis::code).containsExactly("J209", "R059");
        assertThat(claim.lines()).extracting(ServiceLine::diagnosisPointers).containsExactly(List.of(1), List.of(2));
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow())
                .satisfies(e -> assertThat(e.state()).isEqualTo("BILLED"))
                .satisfies(e -> assertThat(e.claimId()).isEqualTo(record.id()));
        assertThat(encounters.charges(held.id())).extracting(ChargeRow::state, ChargeRow::billedOnClaim)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("BILLED", record.id()));
    }

    @Test
    void with_no_bill_hold_a_second_dft_for_one_account_replaces_the_unsent_claim_and_the_clinic_is_told_what_it_dropped()
            throws Exception {
        start("billHold: 0s", "encounterKey: account");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));

        assertThat(msa(send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9"))))
                .isEqualTo("MSA|AA|M2");

        List<ClaimRecord> claims = ledger.queries().findByClm01("sunrise", "ACC500");
        assertThat(claims).extracting(ClaimRecord::status).containsExactly(ClaimStatus.SUPERSEDED, ClaimStatus.VALIDATED);
        assertThat(payload(claims.get(1)).lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T2");
        assertThat(encounters.encounter("sunrise", "ACC500")).as("0s keeps one message = one claim").isEmpty();
        assertThat(outboxTexts()).singleElement().asString().contains("MSH-10 M2", "replaced claim " + claims.get(0).id(),
                "T1", "will not be billed");
        assertThat(ledger.queries().history(claims.get(1).id())).anySatisfy(event -> assertThat(event.detail())
                .contains("charges T1 of claim " + claims.get(0).id() + " are not in this one"));
    }

    @Test
    void a_credit_with_an_ft1_31_reference_reverses_exactly_its_charge() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9")
                .charge("T2", "99213", null, "125.00", "J20.9"));

        assertThat(msa(send(Dft.charges("M2").credit("C1", "T2", "99213", null, "125.00"))))
                .isEqualTo("MSA|AA|M2");

        List<ChargeRow> rows = encounters.charges(encounters.encounter("sunrise", "ACC500").orElseThrow().id());
        ChargeRow credit = rows.get(2);
        assertThat(rows).extracting(ChargeRow::transactionId, ChargeRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", "HELD"),
                        org.assertj.core.groups.Tuple.tuple("T2", "REVERSED"),
                        org.assertj.core.groups.Tuple.tuple("C1", "APPLIED"));
        assertThat(rows.get(1).reversedBy()).isEqualTo(credit.id());
        assertThat(credit.reverses()).isEqualTo(rows.get(1).id());
        assertThat(released().lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1");
    }

    @Test
    void a_credit_without_a_reference_matches_by_procedure_modifiers_date_and_amount() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", "25", "125.00", "J20.9")
                .charge("T2", "99213", null, "125.00", "J20.9")
                .charge("T3", "71046", null, "80.00", "J20.9"));

        send(Dft.charges("M2").negativeCharge(null, "99213", null, "125.00"));

        assertThat(released().lines()).as("the 99213 without modifier 25 was reversed, not the first 99213")
                .extracting(ServiceLine::lineControlNumber).containsExactly("T1", "T3");
    }

    @Test
    void a_charge_line_with_a_negative_amount_is_a_credit_matched_by_content() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9")
                .charge("T2", "71046", null, "80.00", "J20.9"));

        assertThat(msa(send(Dft.charges("M2").negativeAmount(null, "71046", "80.00")))).isEqualTo("MSA|AA|M2");

        assertThat(released().lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1");
    }

    @Test
    void diagnoses_of_all_messages_are_merged_by_priority_then_arrival_and_at_most_twelve_are_billed() throws Exception {
        start("billHold: 1h");
        String[][] codes = {{"J20.9", "I10", "E11.9", "E78.5", "K21.9"}, {"R05.9", "N39.0", "R51.9", "F41.1", "L30.9"},
                {"J06.9", "R50.9", "B34.9", "Z00.00", "J45.909"}};
        for (int m = 0; m < codes.length; m++) {
            Dft message = Dft.charges("M" + (m + 1))
                    .charge("T" + (m + 1), "99213", null, "100.00", codes[m][0]);
            for (int d = 0; d < codes[m].length; d++) {
                message.diagnosis(codes[m][d], d + 1);
            }
            assertThat(msa(send(message))).isEqualTo("MSA|AA|M" + (m + 1));
            clock.advance(Duration.ofMinutes(1));
        }

        Claim claim = released();

        assertThat(claim.diagnoses()).extracting(Diagnosis::code).containsExactly("J209", "R059", "J069", "I10",
                "N390", "R509", "E119", "R519", "B349", "E785", "F411", "Z0000");
        assertThat(claim.lines()).extracting(ServiceLine::diagnosisPointers)
                .containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void a_credit_that_matches_no_charge_is_kept_and_reported_and_changes_nothing() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));

        String ack = send(Dft.charges("M2").charge("T9", "71046", null, "80.00", "J20.9")
                .credit("C1", null, "99214", null, "150.00"));

        assertThat(segments(ack)).containsExactly("MSA|AE|M2", "ERR||FT1^2|207|E|CREDIT_UNMATCHED|||FT1 #2: credit"
                + " 99214 of 150.00 on 2026-10-20 (FT1-2 C1) matches no charge received for this encounter; it was kept,"
                + " not applied to any line");
        assertThat(encounters.unappliedCredits("sunrise", 10)).singleElement().satisfies(credit -> {
            assertThat(credit.state()).isEqualTo("UNMATCHED");
            assertThat(credit.sourceControlId()).isEqualTo("M2");
        });
        assertThat(released().lines()).as("the message's charge was not applied either")
                .extracting(ServiceLine::lineControlNumber).containsExactly("T1");
        assertThat(outboxTexts()).anySatisfy(text -> assertThat(text)
                .contains("MSH-10 M2", "FT1 #2: credit 99214 of 150.00", "matches no charge received"));
    }

    @Test
    void a_credit_larger_than_its_charge_is_refused_with_a_reason_and_nothing_of_its_message_is_applied()
            throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        Encounter before = encounters.encounter("sunrise", "ACC500").orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        String ack = send(Dft.charges("M2").credit("C1", "T1", "99213", null, "200.00")
                .charge("T2", "71046", null, "80.00", "J20.9"));

        assertThat(segments(ack)).containsExactly("MSA|AE|M2", "ERR||FT1^1|207|E|CREDIT_LARGER_THAN_CHARGE|||FT1 #1:"
                + " credit 99213 of 200.00 on 2026-10-20 (FT1-31 T1) is larger than the 125.00 still charged on that"
                + " line; it was not applied");
        assertThat(outboxTexts()).anySatisfy(text -> assertThat(text).contains("MSH-10 M2",
                "FT1 #1: credit 99213 of 200.00", "larger than the 125.00 still charged"));
        assertThat(encounters.unappliedCredits("sunrise", 10)).singleElement()
                .satisfies(credit -> assertThat(credit.state()).isEqualTo("REFUSED"));
        Encounter after = encounters.encounter("sunrise", "ACC500").orElseThrow();
        assertThat(after.releaseAt()).as("not held longer").isEqualTo(before.releaseAt());
        assertThat(encounters.charges(after.id())).filteredOn(c -> c.kind().equals("CHARGE"))
                .extracting(ChargeRow::transactionId, ChargeRow::state, ChargeRow::credited)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", "HELD", new BigDecimal("0.00")));
        assertThat(released().lines()).extracting(ServiceLine::chargeAmount).containsExactly(new BigDecimal("125.00"));
    }

    @Test
    void a_credit_of_one_unit_of_three_takes_one_unit_and_its_amount_off_exactly_that_charge() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").chargeUnits("T1", "36415", "3", "45.00")
                .chargeUnits("T2", "36415", "3", "45.00"));

        assertThat(msa(send(Dft.charges("M2").creditUnits("C1", "T2", "36415", "1", "15.00"))))
                .isEqualTo("MSA|AA|M2");

        Claim claim = released();
        assertThat(claim.lines()).extracting(ServiceLine::lineControlNumber, l -> l.units().stripTrailingZeros(),
                ServiceLine::chargeAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("T1", new BigDecimal("3"), new BigDecimal("45.00")),
                org.assertj.core.groups.Tuple.tuple("T2", new BigDecimal("2"), new BigDecimal("30.00")));
        assertThat(claim.totalCharge()).isEqualByComparingTo("75.00");
    }

    @Test
    void two_partial_credits_for_one_charge_in_one_message_both_count() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));

        assertThat(msa(send(Dft.charges("M2").credit("C1", "T1", "99213", null, "25.00")
                .credit("C2", "T1", "99213", null, "30.00")))).isEqualTo("MSA|AA|M2");

        assertThat(released().lines()).extracting(ServiceLine::chargeAmount).containsExactly(new BigDecimal("70.00"));
    }

    @Test
    void a_credit_of_some_units_without_a_reference_matches_the_charge_with_the_same_price_per_unit() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").chargeUnits("T1", "36415", "2", "40.00")
                .chargeUnits("T2", "36415", "3", "45.00"));

        assertThat(msa(send(Dft.charges("M2").creditUnits(null, null, "36415", "1", "15.00"))))
                .isEqualTo("MSA|AA|M2");

        assertThat(released().lines()).extracting(l -> l.units().stripTrailingZeros(), ServiceLine::chargeAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("2"), new BigDecimal("40.00")),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("2"), new BigDecimal("30.00")));
    }

    @Test
    void a_credit_of_more_units_than_its_charge_has_is_refused() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").chargeUnits("T1", "36415", "2", "30.00"));

        String ack = send(Dft.charges("M2").creditUnits("C1", "T1", "36415", "3", "30.00"));

        assertThat(segments(ack)).first().isEqualTo("MSA|AE|M2");
        assertThat(ack).contains("CREDIT_LARGER_THAN_CHARGE", "takes back 3 units, more than the 2 still charged");
        assertThat(released().lines()).extracting(l -> l.units().stripTrailingZeros(), ServiceLine::chargeAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("2"), new BigDecimal("30.00")));
    }

    @Test
    void a_credit_that_comes_before_its_charge_is_reported_then_reverses_the_charge_when_it_arrives() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));

        String ack = send(Dft.charges("M2").credit("C2", "T2", "71046", null, "80.00"));
        assertThat(segments(ack)).first().isEqualTo("MSA|AE|M2");
        assertThat(ack).contains("CREDIT_UNMATCHED");
        assertThat(encounters.unappliedCredits("sunrise", 10)).extracting(ChargeRow::transactionId).containsExactly("C2");

        assertThat(msa(send(Dft.charges("M3").charge("T2", "71046", null, "80.00", "J20.9"))))
                .isEqualTo("MSA|AA|M3");

        assertThat(encounters.unappliedCredits("sunrise", 10)).as("no longer unapplied").isEmpty();
        List<ChargeRow> rows = encounters.charges(encounters.encounter("sunrise", "ACC500").orElseThrow().id());
        ChargeRow t2 = rows.stream().filter(r -> "T2".equals(r.transactionId())).findFirst().orElseThrow();
        ChargeRow c2 = rows.stream().filter(r -> "C2".equals(r.transactionId())).findFirst().orElseThrow();
        assertThat(t2.state()).isEqualTo("REVERSED");
        assertThat(t2.reversedBy()).isEqualTo(c2.id());
        assertThat(c2.state()).isEqualTo("APPLIED");
        assertThat(c2.reverses()).isEqualTo(t2.id());
        assertThat(released().lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1");
    }

    @Test
    void a_credit_that_came_early_and_is_larger_than_its_charge_stays_unmatched_and_the_charge_is_billed()
            throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").credit("C2", "T2", "71046", null, "95.00"));

        send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9"));

        assertThat(encounters.unappliedCredits("sunrise", 10)).extracting(ChargeRow::transactionId, ChargeRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("C2", "UNMATCHED"));
        assertThat(released().lines()).extracting(ServiceLine::chargeAmount).containsExactly(new BigDecimal("80.00"));
    }

    @Test
    void a_credit_naming_a_charge_of_another_clinic_is_refused_and_changes_neither_clinic() throws Exception {
        start("billHold: 1h");
        encountersOfOtherClinic();
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        Encounter before = encounters.encounter("sunrise", "ACC500").orElseThrow();
        Encounter otherBefore = encounters.encounter(otherClinicEncounterId).orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        String ack = send(Dft.charges("M2").credit("C1", "OTHER-T1", "99213", null, "125.00"));

        assertThat(segments(ack)).containsExactly("MSA|AE|M2", "ERR||FT1^1|207|E|ENCOUNTER_OF_ANOTHER_CLINIC|||FT1 #1:"
                + " FT1-31 OTHER-T1 names a charge this clinic never sent (it belongs to another clinic); the credit was"
                + " not applied");
        assertThat(outboxTexts()).anySatisfy(text -> assertThat(text).contains("MSH-10 M2",
                "FT1-31 OTHER-T1 names a charge this clinic never sent"));
        assertThat(encounters.charges(otherClinicEncounterId)).singleElement()
                .satisfies(charge -> assertThat(charge.state()).isEqualTo("HELD"))
                .satisfies(charge -> assertThat(charge.credited()).isEqualByComparingTo("0"));
        assertThat(encounters.encounter(otherClinicEncounterId).orElseThrow().updatedAt())
                .isEqualTo(otherBefore.updatedAt());
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().releaseAt()).isEqualTo(before.releaseAt());
        assertThat(released().lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1");
    }

    @Test
    void a_dft_with_only_payments_is_refused_with_a_reason_and_changes_nothing() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        Encounter before = encounters.encounter("sunrise", "ACC500").orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        String ack = send(Dft.charges("M2").payment("P1", "20.00"));

        assertThat(segments(ack)).containsExactly("MSA|AE|M2", "ERR||FT1^1|207|E|ONLY_PAYMENTS|||FT1: the message holds"
                + " only payments or adjustments (PY/AJ/CO), no charge (CG) or credit (CD): nothing was added to the"
                + " encounter");
        assertThat(outboxTexts()).anySatisfy(text -> assertThat(text).contains("MSH-10 M2",
                "only payments or adjustments (PY/AJ/CO)"));
        Encounter after = encounters.encounter("sunrise", "ACC500").orElseThrow();
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(encounters.charges(after.id())).hasSize(1);
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).isEmpty();
    }

    @Test
    void an_encounter_whose_claim_failed_the_edits_is_billed_again_when_the_ehr_resends_its_charges_corrected()
            throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").payer("NOBODY").charge("T1", "99213", null, "125.00", "J20.9"));
        clock.advance(Duration.ofHours(1));
        release.releaseDue();
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).singleElement().extracting(ClaimRecord::status)
                .isEqualTo(ClaimStatus.REJECTED);
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().state()).isEqualTo("REJECTED");

        assertThat(msa(send(Dft.charges("M2").charge("T1", "99213", null, "125.00", "J20.9"))))
                .isEqualTo("MSA|AA|M2");

        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().state()).isEqualTo("HELD");
        Claim corrected = released();
        assertThat(corrected.lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1");
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).extracting(ClaimRecord::status)
                .containsExactly(ClaimStatus.REJECTED, ClaimStatus.VALIDATED);
    }

    @Test
    void a_fully_reversed_encounter_produces_no_claim() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        send(Dft.charges("M2").credit("C1", "T1", "99213", null, "125.00"));

        clock.advance(Duration.ofHours(2));
        assertThat(release.releaseDue()).isEqualTo(1);

        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).isEmpty();
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().state()).isEqualTo("REVERSED");
    }

    @Test
    void every_message_sent_again_over_mllp_is_applied_once() throws Exception {
        start("billHold: 1h");
        List<String> messages = List.of(
                Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9").build(),
                Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9").build(),
                Dft.charges("M3").credit("C1", "T2", "71046", null, "80.00").build(),
                // the same FT1-2 in a new message (an EHR re-posting a charge session) is not a second charge
                Dft.charges("M4").charge("T1", "99213", null, "125.00", "J20.9").build());
        for (String message : messages) {
            handler.handle(message, "/10.0.0.7:4711");
        }
        for (String message : messages) {
            assertThat(msa(handler.handle(message, "/10.0.0.7:4711"))).startsWith("MSA|AA|");
        }

        assertThat(encounters.charges(encounters.encounter("sunrise", "ACC500").orElseThrow().id()))
                .extracting(ChargeRow::transactionId).containsExactly("T1", "T2", "C1");
        assertThat(released().lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1");
    }

    @Test
    void a_clinic_file_dropped_twice_adds_its_charges_once() throws Exception {
        start("billHold: 1h");
        String file = Dft.charges("F1").charge("T1", "99213", null, "125.00", "J20.9").build()
                + Dft.charges("F2").charge("T2", "71046", null, "80.00", "J20.9").build();
        io.claimshub.config.ClinicConfig clinic = partners.clinic("sunrise").orElseThrow();
        List<IntakeResult.Kind> kinds = new ArrayList<>();
        for (int drop = 0; drop < 2; drop++) {
            String[] messages = file.split("(?=MSH\\|)");
            for (int i = 0; i < messages.length; i++) {
                kinds.add(intake.accept(clinic, new InputItem.Hl7Message(i + 1, messages[i]),
                        new SourceRef("file", "charges.hl7", 1, null)).kind());
            }
        }

        assertThat(kinds).containsExactly(IntakeResult.Kind.ACCEPTED, IntakeResult.Kind.ACCEPTED,
                IntakeResult.Kind.DUPLICATE, IntakeResult.Kind.DUPLICATE);
        assertThat(released().lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1", "T2");
    }

    @Test
    void held_encounters_survive_a_restart_and_are_released_after_it() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        database.close();

        database = target.open();
        ledger = Ledgers.open(database.dataSource(), clock);
        PartnerConfig partners = PartnerConfigLoader.load(workDir.resolve("config"), workDir);
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                new ClaimEdits(clock));
        encounters = new EncounterLedger(database.dataSource(), clock);
        ClaimIntake intake = new ClaimIntake(preparation, ledger.intake(), new RejectionWriter(clock), payer -> { },
                ClaimMetrics.disabled(), new ChargeCapture(encounters, clock));
        release = new EncounterRelease(encounters, ledger.intake(), ledger.queries(), intake, partners);

        assertThat(encounters.countHeld()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(release.releaseDue()).isEqualTo(1);
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).singleElement()
                .extracting(ClaimRecord::status).isEqualTo(ClaimStatus.VALIDATED);
    }

    @Test
    void account_plus_date_keeps_two_days_of_one_account_apart() throws Exception {
        start("billHold: 1h", "encounterKey: account+date");
        send(Dft.charges("M1").chargeOn("T1", "99213", "125.00", "20261020"));
        send(Dft.charges("M2").chargeOn("T2", "99213", "125.00", "20261021"));

        clock.advance(Duration.ofHours(1));
        assertThat(release.releaseDue()).isEqualTo(2);

        assertThat(ledger.queries().findByClm01("sunrise", "ACC500-20261020")).hasSize(1);
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500-20261021")).hasSize(1);
    }

    @Test
    void a_late_charge_after_the_277ca_becomes_a_replacement_with_all_lines_and_ref_f8() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        released();
        long original = lastClaimId();
        deliver(original);
        acknowledge(original, "PCN-77");

        send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9"));
        Claim replacement = released();

        assertThat(replacement.frequencyCode()).isEqualTo("7");
        assertThat(replacement.originalPayerClaimNumber()).isEqualTo("PCN-77");
        assertThat(replacement.patientControlNumber()).isEqualTo("ACC500");
        assertThat(replacement.lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1", "T2");
        assertThat(ledger.queries().claim(lastClaimId()).orElseThrow().status()).isEqualTo(ClaimStatus.VALIDATED);
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().claimIds()).containsExactly(original,
                lastClaimId());
    }

    @Test
    void a_late_charge_before_the_277ca_waits_for_the_payer_claim_number_then_goes() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        released();
        long original = lastClaimId();
        deliver(original);

        send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9"));
        clock.advance(Duration.ofHours(2));
        release.releaseDue();

        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().state()).isEqualTo("WAITING_PAYER_ID");
        assertThat(lastClaimId()).as("nothing sent yet").isEqualTo(original);
        assertThat(release.releaseDue()).as("still no payer claim number").isZero();

        acknowledge(original, "PCN-88");
        assertThat(release.releaseDue()).isEqualTo(1);

        Claim replacement = payload(ledger.queries().claim(lastClaimId()).orElseThrow());
        assertThat(replacement.frequencyCode()).isEqualTo("7");
        assertThat(replacement.originalPayerClaimNumber()).isEqualTo("PCN-88");
        assertThat(replacement.lines()).hasSize(2);
    }

    @Test
    void under_after_send_new_only_the_new_lines_go_as_a_new_claim_with_a_suffix() throws Exception {
        start("billHold: 1h", "afterSend: new");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        released();
        deliver(lastClaimId());

        send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9"));
        clock.advance(Duration.ofHours(2));
        release.releaseDue();

        List<ClaimRecord> suffixed = ledger.queries().findByClm01("sunrise", "ACC500-2");
        assertThat(suffixed).singleElement().extracting(ClaimRecord::status).isEqualTo(ClaimStatus.VALIDATED);
        Claim claim = payload(suffixed.get(0));
        assertThat(claim.frequencyCode()).isEqualTo("1");
        assertThat(claim.lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T2");
    }

    @Test
    void under_after_send_new_a_credit_for_a_line_already_sent_parks_the_visit_for_a_clerk() throws Exception {
        start("billHold: 1h", "afterSend: new");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9")
                .charge("T2", "71046", null, "80.00", "J20.9"));
        released();
        long original = lastClaimId();
        deliver(original);

        send(Dft.charges("M2").credit("C1", "T2", "71046", null, "80.00"));
        clock.advance(Duration.ofHours(2));
        release.releaseDue();

        Encounter parked = encounters.encounter("sunrise", "ACC500").orElseThrow();
        assertThat(parked.state()).isEqualTo("PARKED");
        assertThat(parked.detail()).contains("a credit changed lines of claim " + original);
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500-2")).as("no new claim").isEmpty();
        assertThat(lastClaimId()).isEqualTo(original);
    }

    @Test
    void under_after_send_hold_a_late_charge_is_parked_until_an_operator_releases_it() throws Exception {
        start("billHold: 1h", "afterSend: hold");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        released();
        long original = lastClaimId();
        deliver(original);
        acknowledge(original, "PCN-99");

        send(Dft.charges("M2").charge("T2", "71046", null, "80.00", "J20.9"));
        clock.advance(Duration.ofHours(2));
        release.releaseDue();
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().state()).isEqualTo("PARKED");
        clock.advance(Duration.ofDays(3));
        assertThat(release.releaseDue()).as("parked stays parked").isZero();

        assertThat(encounters.releaseNow("sunrise", "ACC500")).isTrue();
        assertThat(release.releaseDue()).isEqualTo(1);

        Claim replacement = payload(ledger.queries().claim(lastClaimId()).orElseThrow());
        assertThat(replacement.frequencyCode()).isEqualTo("7");
        assertThat(replacement.lines()).hasSize(2);
    }

    @Test
    void crediting_every_line_of_a_sent_claim_voids_it() throws Exception {
        start("billHold: 1h");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9")
                .charge("T2", "71046", null, "80.00", "J20.9"));
        released();
        long original = lastClaimId();
        deliver(original);
        acknowledge(original, "PCN-55");

        send(Dft.charges("M2").credit("C1", "T1", "99213", null, "125.00")
                .credit("C2", "T2", "71046", null, "80.00"));
        Claim voided = released();

        assertThat(voided.frequencyCode()).isEqualTo("8");
        assertThat(voided.originalPayerClaimNumber()).isEqualTo("PCN-55");
        assertThat(voided.lines()).extracting(ServiceLine::lineControlNumber).containsExactly("T1", "T2");
        assertThat(encounters.encounter("sunrise", "ACC500").orElseThrow().state()).isEqualTo("REVERSED");
    }

    @Test
    void an_operator_releases_a_held_encounter_before_its_hold_is_over() throws Exception {
        start("billHold: 3d");
        send(Dft.charges("M1").charge("T1", "99213", null, "125.00", "J20.9"));
        assertThat(release.releaseDue()).isZero();

        assertThat(encounters.releaseNow("sunrise", "ACC500")).isTrue();
        assertThat(release.releaseDue()).isEqualTo(1);
        assertThat(ledger.queries().findByClm01("sunrise", "ACC500")).hasSize(1);
        assertThat(encounters.releaseNow("sunrise", "ACC500")).as("nothing waits any more").isFalse();
    }

    private long lastClaimId() {
        return ledger.queries().findByClm01("sunrise", "ACC500").stream().mapToLong(ClaimRecord::id).max().orElseThrow();
    }

    /** The claim goes out in a batch file and is delivered. */
    private void deliver(long claimId) {
        BatchLedger.Batch batch = ledger.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(claimId)));
        ledger.batches().markBatchDelivered(batch.id(), "test");
    }

    /** A 277CA accepts the claim and gives it the payer's claim number. */
    private void acknowledge(long claimId, String payerClaimNumber) {
        ReplyLedger replies = new ReplyLedger(database.dataSource(), clock);
        long file = replies.register("acme", "277-" + claimId + payerClaimNumber, "r.277", "r.277").fileId();
        replies.apply(claimId, file, "r.277", new ReplyLedger.ClaimReply("277CA", "1", ClaimStatus.ACCEPTED,
                payerClaimNumber, null, null, null, null, null, null, null, null));
    }

    private long otherClinicEncounterId;

    /** A charge recorded for clinic moonrise with FT1-2 OTHER-T1. */
    private void encountersOfOtherClinic() {
        EncounterLedger.CaptureOutcome outcome = encounters.capture(new EncounterLedger.Capture("moonrise", "X1", "OM1",
                "test", "h", old -> "{}", List.of(new EncounterLedger.NewCharge("FT1 #1", "OTHER-T1", "99213", "",
                java.time.LocalDate.of(2026, 10, 20), new BigDecimal("125.00"), BigDecimal.ONE, "{}")), List.of(),
                clock.instant().plus(Duration.ofDays(1))));
        otherClinicEncounterId = outcome.encounterId();
    }

    private Claim released() {
        clock.advance(Duration.ofHours(2));
        release.releaseDue();
        List<ClaimRecord> claims = ledger.queries().findByClm01("sunrise", "ACC500");
        return payload(claims.get(claims.size() - 1));
    }

    private Claim payload(ClaimRecord record) {
        return ClaimJson.read(new ClaimQueries(database.dataSource(), clock).payload(record.id()).orElseThrow());
    }

    private String send(Dft message) {
        return handler.handle(message.build(), "/10.0.0.7:4711");
    }

    private List<String> outboxTexts() throws Exception {
        Path outbox = workDir.resolve("data/clinics/sunrise/outbox");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                texts.add(Files.readString(file));
            }
        }
        return texts;
    }

    private static String msa(String ack) {
        return segments(ack).get(0);
    }

    /** The ACK's segments after MSH. */
    private static List<String> segments(String ack) {
        List<String> all = Arrays.stream(ack.split("\r")).filter(s -> !s.isBlank()).toList();
        return all.subList(1, all.size());
    }
}
