package io.claimshub.mllp;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.IntakeBed;

import io.claimshub.testing.Dft;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerException;
import io.claimshub.observe.ClaimMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.claimshub.mllp.MllpTestClient.code;
import static io.claimshub.mllp.MllpTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handler without Camel or sockets: message in, acknowledgement out, ledger checked. */
class MllpMessageHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
    private static final String SENDER = "/10.0.0.7:4711";

    @TempDir
    Path workDir;
    private IntakeBed bed;
    private ClaimQueries ledger;
    private MllpMessageHandler handler;
    private final ClaimMetrics metrics = new ClaimMetrics(new SimpleMeterRegistry());

    @BeforeEach
    void setUp() throws Exception {
        bed = new IntakeBed(workDir, CLOCK);
        ledger = bed.ledger.queries();
        handler = new MllpMessageHandler(bed.partners, bed.preparation, bed.claimIntake(payer -> { }, metrics),
                bed.ledger.intake(), new AckBuilder("CLAIMSHUB", "HUB"), 20_000, metrics);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void a_valid_charge_is_answered_aa_once_its_claim_is_in_the_ledger_with_the_sender_as_source() {
        String ack = handler.handle(Dft.message().controlId("M1").clm01("H1").build(), SENDER);

        assertThat(segments(ack)).containsExactly("MSA|AA|M1");
        assertThat(ledger.findByClm01("sunrise", "H1")).singleElement().satisfies(claim -> {
            assertThat(claim.status()).isEqualTo(ClaimStatus.VALIDATED);
            assertThat(claim.sourceKind()).isEqualTo("mllp");
            assertThat(claim.sourceName()).isEqualTo(SENDER);
            assertThat(claim.sourceControlId()).isEqualTo("M1");
        });
    }

    @Test
    void a_resend_of_the_same_message_is_answered_aa_again_without_a_second_claim() {
        String message = Dft.message().controlId("M2").clm01("H2").build();
        handler.handle(message, SENDER);

        assertThat(segments(handler.handle(message, SENDER))).containsExactly("MSA|AA|M2");
        assertThat(ledger.findByClm01("sunrise", "H2")).hasSize(1);
    }

    @Test
    void the_same_control_id_with_another_claim_is_refused_and_not_recorded() {
        handler.handle(Dft.message().controlId("M3").clm01("H3").build(), SENDER);

        String ack = handler.handle(Dft.message().controlId("M3").clm01("H3-OTHER").build(), SENDER);

        assertThat(segments(ack)).containsExactly("MSA|AR|M3", "ERR||MSH^1^10|205|E|CONTROL_ID_REUSED|||MSH-10: message"
                + " control id M3 was already used for a different message; give each message its own MSH-10");
        assertThat(ledger.findByClm01("sunrise", "H3-OTHER")).isEmpty();
        assertThat(metrics.registry().get("claims.rejected").tag("clinic", "sunrise").counter().count()).isEqualTo(1.0);
    }

    @Test
    void of_two_connections_sending_different_claims_under_one_control_id_at_once_only_one_gets_aa() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 30; i++) {
                String controlId = "RACE" + i;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> acks = new ArrayList<>();
                for (String clm01 : List.of("RA" + i, "RB" + i)) {
                    acks.add(pool.submit(() -> {
                        start.await();
                        return code(handler.handle(Dft.message().controlId(controlId).clm01(clm01).build(), SENDER));
                    }));
                }
                start.countDown();
                assertThat(List.of(acks.get(0).get(), acks.get(1).get())).as(controlId).containsExactlyInAnyOrder("AA", "AR");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_claim_failing_the_edits_is_answered_ae_with_one_err_per_reason_and_recorded_as_rejected() {
        String ack = handler.handle(Dft.message().controlId("M4").clm01("H4").renderingNpi("1234567890").build(), SENDER);

        assertThat(segments(ack)).containsExactly("MSA|AE|M4",
                "ERR||FT1^1|207|E|NPI_CHECK_DIGIT|||FT1 #1: rendering provider NPI 1234567890 fails the check digit",
                "ERR||FT1^2|207|E|NPI_CHECK_DIGIT|||FT1 #2: rendering provider NPI 1234567890 fails the check digit");
        assertThat(ledger.findByClm01("sunrise", "H4")).singleElement()
                .satisfies(claim -> assertThat(claim.status()).isEqualTo(ClaimStatus.REJECTED));
    }

    @Test
    void a_sending_facility_no_clinic_lists_is_refused() {
        String ack = handler.handle(Dft.message().controlId("M5").build().replace("|SUNRISE|", "|ELSEWHERE|"), SENDER);

        assertThat(segments(ack)).containsExactly("MSA|AR|M5", "ERR||MSH^1^4|103|E|UNKNOWN_SENDING_FACILITY|||MSH-4:"
                + " unknown sending facility 'ELSEWHERE': it is not listed in any clinic's sendingFacilities");
    }

    @Test
    void every_acknowledgement_is_counted_by_clinic_and_code_and_an_unknown_facility_never_becomes_a_label() {
        handler.handle(Dft.message().controlId("N1").clm01("HN1").build(), SENDER);
        handler.handle(Dft.message().controlId("N1").clm01("HN1").build(), SENDER);
        handler.handle(Dft.message().controlId("N2").clm01("HN2").renderingNpi("1234567890").build(), SENDER);
        handler.handle(Dft.message().controlId("N1").clm01("HN1-OTHER").build(), SENDER);
        handler.handle(Dft.message().controlId("N3").build().replace("|SUNRISE|", "|ELSEWHERE|"), SENDER);
        handler.handle("not hl7 at all", SENDER);

        assertThat(acknowledgements("sunrise", "AA")).as("a claim and its resend").isEqualTo(2.0);
        assertThat(acknowledgements("sunrise", "AE")).isEqualTo(1.0);
        assertThat(acknowledgements("sunrise", "AR")).as("an MSH-10 reused").isEqualTo(1.0);
        assertThat(acknowledgements("unknown", "AR")).as("no clinic's facility, and no MSH at all").isEqualTo(2.0);
        assertThat(metrics.registry().find("mllp.acknowledgements").tag("clinic", "ELSEWHERE").counters()).isEmpty();
    }

    private double acknowledgements(String clinic, String code) {
        return metrics.registry().get("mllp.acknowledgements").tag("clinic", clinic).tag("code", code).counter().count();
    }

    @Test
    void an_unknown_sending_facility_is_the_reason_even_when_the_message_is_of_another_type() {
        String ack = handler.handle(Dft.message().controlId("M5B").build().replace("|SUNRISE|", "|ELSEWHERE|")
                .replace("DFT^P03^DFT_P03", "ADT^A04^ADT_A01"), SENDER);

        assertThat(field(ack, "MSA", 2)).isEqualTo("M5B");
        assertThat(field(ack, "ERR", 5)).isEqualTo("UNKNOWN_SENDING_FACILITY");
    }

    @Test
    void another_message_type_or_an_old_version_is_refused_with_hl7_codes_200_and_203() {
        String adt = handler.handle(Dft.message().controlId("M6").build().replace("DFT^P03^DFT_P03", "ADT^A04^ADT_A01"), SENDER);
        String v22 = handler.handle(Dft.message().controlId("M7").build().replace("|P|2.5.1", "|P|2.2"), SENDER);

        assertThat(code(adt)).isEqualTo("AR");
        assertThat(field(adt, "MSA", 2)).isEqualTo("M6");
        assertThat(field(adt, "ERR", 3)).isEqualTo("200");
        assertThat(code(v22)).isEqualTo("AR");
        assertThat(field(v22, "ERR", 3)).isEqualTo("203");
    }

    @Test
    void xml_or_text_that_is_not_hl7_is_refused_without_a_control_id() {
        assertThat(segments(handler.handle("<?xml version=\"1.0\"?><DFT_P03><MSH/></DFT_P03>", SENDER)))
                .containsExactly("MSA|AR", "ERR|||207|E|NOT_HL7|||message: not an HL7 v2 message:"
                        + " XML encoding is not accepted, send ER7 (pipe-delimited) messages");
        assertThat(segments(handler.handle("hello", SENDER))).first().isEqualTo("MSA|AR");
    }

    @Test
    void a_frame_too_large_to_buffer_is_refused_by_its_first_bytes_with_its_control_id_when_msh_is_readable() {
        String head = Dft.message().controlId("M9").build().substring(0, 300);

        String ack = handler.refuseOversize(head, 5_000_000);
        String unreadable = handler.refuseOversize("\u0000garbage", 5_000_000);

        assertThat(code(ack)).isEqualTo("AR");
        assertThat(field(ack, "MSA", 2)).isEqualTo("M9");
        assertThat(field(ack, "ERR", 8)).startsWith("message: the message has 5000000 characters");
        assertThat(code(unreadable)).isEqualTo("AR");
        assertThat(field(unreadable, "MSA", 2)).isEmpty();
    }

    @Test
    void a_message_over_the_size_limit_is_refused_before_it_is_parsed() {
        String huge = Dft.message().controlId("M8").clm01("H8").build() + "NTE|1||" + "X".repeat(20_000) + "\r";

        String ack = handler.handle(huge, SENDER);

        assertThat(code(ack)).isEqualTo("AR");
        assertThat(field(ack, "MSA", 2)).isEqualTo("M8");
        assertThat(field(ack, "ERR", 5)).isEqualTo("MESSAGE_TOO_LARGE");
        assertThat(ledger.findByClm01("sunrise", "H8")).isEmpty();
    }

    @Test
    void no_acknowledgement_at_all_when_the_ledger_cannot_store_the_claim() {
        bed.database.close();

        assertThatThrownBy(() -> handler.handle(Dft.message().controlId("M9").clm01("H9").build(), SENDER))
                .isInstanceOf(LedgerException.class);
    }

    /** The ACK without its MSH, which {@code AckBuilderTest} covers. */
    private static List<String> segments(String ack) {
        return Arrays.stream(ack.split("\r")).filter(segment -> !segment.startsWith("MSH|")).toList();
    }
}
