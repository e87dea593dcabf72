package io.claimshub.replies;

import io.claimshub.hashing.Sha256;
import io.claimshub.intake.UnreadableFileException;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.x12.replies.Remittance;
import io.claimshub.x12.replies.ReplyFileReader;
import io.claimshub.x12.replies.X12Replies;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.claimshub.replies.ReplyHub.claim;
import static io.claimshub.testing.Fixtures.allFiles;
import static io.claimshub.testing.Fixtures.read;
import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replies matched to sent claims on a real ledger, one case per row of docs/replies.md and per
 * rule (no backwards move, duplicates, unmatched replies, several clinics in one 835).
 */
class PayerRepliesTest {

    @TempDir
    Path tempDir;


    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_999_acknowledges_one_set_and_rejects_the_other_with_its_errors_in_words(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            BatchLedger.Batch batch = hub.send("acme", List.of(claim("sunrise", "ACC1", "100")),
                    List.of(claim("moonlight", "ACC2", "50")));
            byte[] ack = X12Replies.file().interchange("000000501").group("FA", "501", "005010X231A1")
                    .set("999", "0001", "005010X231A1", seg("AK1", "HC", icn(batch), "005010X222A1"),
                            seg("AK2", "837", batch.st02s().get(0)), seg("IK5", "A"),
                            seg("AK2", "837", batch.st02s().get(1)), seg("IK3", "CLM", "22", "2300", "8"),
                            seg("IK4", comp("5", "3"), "1325", "7", "9"), seg("IK5", "R", "5"),
                            seg("AK9", "P", "2", "2", "1"))
                    .bytes();

            ReplyFileResult result = hub.accept("acme", ack, "ack.999");

            assertThat(result.matched()).isEqualTo(2);
            assertThat(hub.status("sunrise", "ACC1")).isEqualTo(ClaimStatus.ACKNOWLEDGED);
            assertThat(hub.status("moonlight", "ACC2")).isEqualTo(ClaimStatus.PAYER_REJECTED);
            List<ReplyLedger.ClaimReplyRow> rows = hub.replies.replies(hub.claim("moonlight", "ACC2").id());
            assertThat(rows).singleElement().satisfies(row -> assertThat(row.reasons())
                    .contains("IK3 CLM 8: segment CLM at position 22 in loop 2300: Segment has data element errors")
                    .contains("IK4 CLM05-3 7: element CLM05-3 (data element 1325)")
                    .contains("Invalid code value, value sent '9'"));
            assertThat(hub.claims.queries().history(hub.claim("moonlight", "ACC2").id()).get(hub.claims.queries().history(
                    hub.claim("moonlight", "ACC2").id()).size() - 1).detail()).startsWith("999 GS06 " + icn(batch));
            assertThat(json(hub, "moonlight")).singleElement().asString()
                    .contains("\"claimStatus\" : \"payer rejected\"")
                    .contains("\"patientControlNumber\" : \"ACC2\"");
            assertThat(json(hub, "sunrise")).singleElement().asString().contains("\"claimStatus\" : \"acknowledged\"");
            assertThat(allFiles(hub.outbox("moonlight"))).anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith("-ack.999"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_ta1_rejection_rejects_every_claim_of_the_interchange(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            BatchLedger.Batch batch = hub.send("acme", List.of(claim("sunrise", "ACC1", "100"), claim("sunrise", "ACC2", "80")));
            byte[] ta1 = X12Replies.file().interchange("000000900").ta1(String.format("%09d", batch.interchangeControlNumber()), "R", "024").bytes();

            hub.accept("acme", ta1, "ta1.x12");

            assertThat(hub.status("sunrise", "ACC1")).isEqualTo(ClaimStatus.PAYER_REJECTED);
            assertThat(hub.status("sunrise", "ACC2")).isEqualTo(ClaimStatus.PAYER_REJECTED);
            assertThat(hub.replies.replies(hub.claim("sunrise", "ACC1").id()).get(0).reasons())
                    .contains("TA1-5 024: Invalid interchange content");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_277ca_accepts_one_claim_stores_its_payer_claim_number_and_rejects_another_with_reasons_in_words(String database)
            throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "ACC1", "100"), claim("sunrise", "ACC2", "80")));
            byte[] ack = claimAck(ReplyHub.SUNRISE_NPI,
                    claimStatus("ACC1", comp("A2", "20"), "PCN0001"),
                    claimStatus("ACC2", comp("A7", "562", "85"), null));

            hub.accept("acme", ack, "claims.277");

            assertThat(hub.claim("sunrise", "ACC1")).satisfies(c -> {
                assertThat(c.status()).isEqualTo(ClaimStatus.ACCEPTED);
                assertThat(c.payerClaimNumber()).isEqualTo("PCN0001");
            });
            assertThat(hub.status("sunrise", "ACC2")).isEqualTo(ClaimStatus.PAYER_REJECTED);
            assertThat(json(hub, "sunrise")).anySatisfy(text -> assertThat(text)
                    .contains("\"code\" : \"STC A7:562:85\"")
                    .contains("Acknowledgement / rejected for invalid information; Entity's National Provider Identifier (NPI) (Billing provider)"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void an_835_pays_partly_pays_denies_and_reverses_with_adjustments(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "PAID1", "200"), claim("sunrise", "PART1", "200"),
                    claim("sunrise", "DENY1", "100"), claim("sunrise", "REV1", "100")));
            hub.accept("acme", remittance("CHK1001", ReplyHub.SUNRISE_NPI,
                    clp("PAID1", "1", "200", "150", "20", seg("CAS", "CO", "45", "30"),
                            seg("SVC", comp("HC", "99213"), "200", "150"), seg("CAS", "PR", "2", "20"), seg("REF", "6R", "PAID1-1")),
                    clp("PART1", "1", "200", "80", "0",
                            seg("SVC", comp("HC", "99213"), "120", "80"), seg("CAS", "CO", "45", "40"), seg("REF", "6R", "PART1-1"),
                            seg("SVC", comp("HC", "71046"), "80", "0"), seg("CAS", "CO", "50", "80"), seg("REF", "6R", "PART1-2")),
                    clp("DENY1", "4", "100", "0", "0", seg("CAS", "CO", "29", "100")),
                    clp("REV1", "22", "-100", "-60", "0", seg("CAS", "CR", "45", "-40"))), "era-1.835");

            assertThat(hub.status("sunrise", "PAID1")).isEqualTo(ClaimStatus.PAID);
            assertThat(hub.status("sunrise", "PART1")).isEqualTo(ClaimStatus.PARTIALLY_PAID);
            assertThat(hub.status("sunrise", "DENY1")).isEqualTo(ClaimStatus.DENIED);
            assertThat(hub.status("sunrise", "REV1")).isEqualTo(ClaimStatus.REVERSED);
            ReplyLedger.ClaimReplyRow paid = hub.replies.replies(hub.claim("sunrise", "PAID1").id()).get(0);
            assertThat(paid.paid()).isEqualByComparingTo("150");
            assertThat(paid.adjustments()).isEqualTo("CO-45 30\nline PAID1-1 PR-2 20");
            String partJson = json(hub, "sunrise").stream().filter(t -> t.contains("\"PART1\"")).findFirst().orElseThrow();
            assertThat(partJson)
                    .contains("\"checkOrEftNumber\" : \"CHK1001\"")
                    .contains("\"paymentDate\" : \"2026-11-20\"")
                    .contains("\"lineControlNumber\" : \"PART1-2\"")
                    .contains("\"reasonText\" : \"Not medically necessary in the payer's view\"")
                    .contains("\"groupText\" : \"Contractual obligation (the provider writes it off)\"");
            assertThat(allFiles(hub.outbox("sunrise"))).anySatisfy(p -> {
                assertThat(p.getFileName().toString()).endsWith("-era-1.835");
                assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(hub.dataDir.resolve("replies/received/acme")
                        .resolve(allFiles(hub.dataDir.resolve("replies/received/acme")).get(0).getFileName())));
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_277ca_rejection_at_the_information_receiver_level_rejects_every_claim_of_that_file(String database)
            throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            BatchLedger.Batch batch = hub.send("acme", List.of(claim("sunrise", "R1", "100"), claim("sunrise", "R2", "80")),
                    List.of(claim("moonlight", "R3", "50")));
            BatchLedger.Batch other = hub.send("acme", List.of(claim("sunrise", "R4", "60")));

            ReplyFileResult result = hub.accept("acme", receiverRejection(icn(batch)), "receiver.277");

            assertThat(result.matched()).isEqualTo(3);
            assertThat(List.of(hub.status("sunrise", "R1"), hub.status("sunrise", "R2"), hub.status("moonlight", "R3")))
                    .containsOnly(ClaimStatus.PAYER_REJECTED);
            assertThat(hub.status("sunrise", "R4")).as("another file").isEqualTo(ClaimStatus.DELIVERED);
            assertThat(hub.replies.replies(hub.claim("moonlight", "R3").id()).get(0).reasons())
                    .contains("information receiver")
                    .contains("Entity not approved as an electronic submitter")
                    .doesNotContain("not in the hub's code table");
            assertThat(other).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_277ca_rejection_at_the_billing_provider_level_rejects_that_providers_claims_of_the_file(String database)
            throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            BatchLedger.Batch batch = hub.send("acme", List.of(claim("sunrise", "P1", "100"), claim("sunrise", "P2", "80")),
                    List.of(claim("moonlight", "P3", "50")));

            ReplyFileResult result = hub.accept("acme", providerRejection(icn(batch), ReplyHub.SUNRISE_NPI), "provider.277");

            assertThat(result.matched()).isEqualTo(2);
            assertThat(hub.status("sunrise", "P1")).isEqualTo(ClaimStatus.PAYER_REJECTED);
            assertThat(hub.status("sunrise", "P2")).isEqualTo(ClaimStatus.PAYER_REJECTED);
            assertThat(hub.status("moonlight", "P3")).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(hub.replies.replies(hub.claim("sunrise", "P1").id()).get(0).reasons())
                    .contains("billing provider").contains("National Provider Identifier");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_reversal_followed_by_the_corrected_payment_ends_at_the_corrected_status(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "COR1", "100"), claim("sunrise", "COR2", "100")));
            hub.accept("acme", remittance("CHK1", ReplyHub.SUNRISE_NPI, clp("COR1", "1", "100", "100", "0"),
                    clp("COR2", "1", "100", "100", "0")), "era-1.835");

            hub.accept("acme", remittance("CHK2", ReplyHub.SUNRISE_NPI,
                    clp("COR1", "22", "-100", "-100", "0"),
                    clp("COR1", "1", "100", "60", "0", seg("CAS", "CO", "50", "40")),
                    clp("COR2", "22", "-100", "-100", "0"),
                    clp("COR2", "4", "100", "0", "0", seg("CAS", "CO", "29", "100"))), "era-2.835");

            assertThat(hub.status("sunrise", "COR1")).isEqualTo(ClaimStatus.PARTIALLY_PAID);
            assertThat(hub.status("sunrise", "COR2")).isEqualTo(ClaimStatus.DENIED);
            assertThat(hub.replies.replies(hub.claim("sunrise", "COR1").id()))
                    .extracting(ReplyLedger.ClaimReplyRow::status)
                    .containsExactly(ClaimStatus.PAID, ClaimStatus.REVERSED, ClaimStatus.PARTIALLY_PAID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_payment_date_that_is_not_a_date_is_not_passed_on_and_the_clinic_is_told_why(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "D1", "100")));
            byte[] era = new String(remittance("CHK3", ReplyHub.SUNRISE_NPI, clp("D1", "1", "100", "100", "0",
                    seg("DTM", "232", "20261341"))), StandardCharsets.US_ASCII)
                    .replace("*20261120~", "*20002316~").getBytes(StandardCharsets.US_ASCII);

            hub.accept("acme", era, "era.835");

            assertThat(hub.status("sunrise", "D1")).isEqualTo(ClaimStatus.PAID);
            String json = json(hub, "sunrise").get(0);
            assertThat(json).doesNotContain("20002316\"").contains("\"paymentDate\" : null")
                    .contains("BPR16 '20002316' is not a valid date (CCYYMMDD)")
                    .contains("DTM*232 '20261341' is not a valid date (CCYYMMDD)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void replies_arriving_out_of_order_never_move_a_claim_backwards_but_are_all_recorded(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            BatchLedger.Batch batch = hub.send("acme", List.of(claim("sunrise", "ACC1", "100"), claim("sunrise", "ACC2", "100")));
            hub.accept("acme", remittance("CHK1", ReplyHub.SUNRISE_NPI, clp("ACC1", "1", "100", "100", "0")), "era.835");
            hub.accept("acme", claimAck(ReplyHub.SUNRISE_NPI, claimStatus("ACC1", comp("A2", "20"), "PCN1"),
                    claimStatus("ACC2", comp("A3", "21"), null)), "late.277");
            hub.accept("acme", X12Replies.file().interchange("000000777").group("FA", "777", "005010X231A1")
                    .set("999", "0001", "005010X231A1", seg("AK1", "HC", icn(batch), "005010X222A1"),
                            seg("AK2", "837", batch.st02s().get(0)), seg("IK5", "A"), seg("AK9", "A", "1", "1", "1"))
                    .bytes(), "late.999");

            assertThat(hub.status("sunrise", "ACC1")).isEqualTo(ClaimStatus.PAID);
            assertThat(hub.claim("sunrise", "ACC1").payerClaimNumber()).isEqualTo("PCN1");
            assertThat(hub.status("sunrise", "ACC2")).as("a 999 A after a 277CA A3 does not undo the rejection")
                    .isEqualTo(ClaimStatus.PAYER_REJECTED);
            assertThat(hub.replies.replies(hub.claim("sunrise", "ACC1").id()))
                    .extracting(ReplyLedger.ClaimReplyRow::kind, ReplyLedger.ClaimReplyRow::status, ReplyLedger.ClaimReplyRow::applied)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("835", ClaimStatus.PAID, true),
                            org.assertj.core.groups.Tuple.tuple("277CA", ClaimStatus.ACCEPTED, false),
                            org.assertj.core.groups.Tuple.tuple("999", ClaimStatus.ACKNOWLEDGED, false));
            assertThat(hub.claims.queries().history(hub.claim("sunrise", "ACC2").id()))
                    .last().satisfies(e -> assertThat(e.detail()).contains("acknowledged not applied, the claim is already payer rejected"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void the_same_reply_file_twice_changes_nothing_the_second_time(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "ACC1", "100")));
            byte[] era = remittance("CHK1", ReplyHub.SUNRISE_NPI, clp("ACC1", "1", "100", "100", "0"));
            hub.accept("acme", era, "era.835");
            int outboxFiles = allFiles(hub.outbox("sunrise")).size();

            ReplyFileResult second = hub.accept("acme", era, "era-again.835");

            assertThat(second.duplicate()).isTrue();
            assertThat(hub.replies.replies(hub.claim("sunrise", "ACC1").id())).hasSize(1);
            assertThat(allFiles(hub.outbox("sunrise"))).hasSize(outboxFiles);
            assertThat(allFiles(hub.dataDir.resolve("replies/received/acme"))).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_file_the_hub_stopped_processing_half_way_is_finished_without_applying_a_reply_twice(String database)
            throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "ACC1", "100"), claim("sunrise", "ACC2", "100")));
            byte[] era = remittance("CHK1", ReplyHub.SUNRISE_NPI, clp("ACC1", "1", "100", "100", "0"),
                    clp("ACC2", "4", "100", "0", "0"));
            ReplyLedger.Registration interrupted = hub.replies.register("acme", Sha256.hex(era),
                    "received/acme/20261101T000000000Z-interrupted.x12", "era.835");
            hub.replies.apply(hub.claim("sunrise", "ACC1").id(), interrupted.fileId(), "interrupted.x12",
                    new ReplyLedger.ClaimReply("835", "TRN02 CHK1 CLP01 ACC1", ClaimStatus.PAID, "PCN-ACC1", null, null,
                            null, "CHK1", "20261120", "CLP02 1: Processed as primary", "", null));

            ReplyFileResult result = hub.accept("acme", era, "era.835");

            assertThat(result.duplicate()).isFalse();
            assertThat(hub.replies.replies(hub.claim("sunrise", "ACC1").id())).hasSize(1);
            assertThat(hub.status("sunrise", "ACC2")).isEqualTo(ClaimStatus.DENIED);
            assertThat(hub.replies.replyFile("acme", Sha256.hex(era))).get()
                    .satisfies(f -> assertThat(f.status()).isEqualTo("processed"));
            assertThat(hub.accept("acme", era, "era.835").duplicate()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_reply_matching_no_claim_is_kept_in_the_unmatched_area_and_the_ledger(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "ACC1", "100")));
            hub.send("medicare", List.of(claim("sunrise", "MED1", "100")));

            ReplyFileResult result = hub.accept("acme", remittance("CHK9", ReplyHub.SUNRISE_NPI,
                    clp("ACC1", "1", "100", "100", "0"), clp("MED1", "1", "100", "100", "0"),
                    clp("NOPE", "1", "10", "10", "0")), "era.835");

            assertThat(result.matched()).isEqualTo(1);
            assertThat(result.unmatched()).isEqualTo(2);
            assertThat(hub.status("sunrise", "MED1")).as("only claims sent to this payer are matched").isEqualTo(ClaimStatus.DELIVERED);
            assertThat(hub.replies.unmatched("acme")).extracting(ReplyLedger.UnmatchedRow::reference)
                    .containsExactly("CLM01 MED1", "CLM01 NOPE");
            Path unmatched = hub.dataDir.resolve("replies/unmatched/acme");
            assertThat(allFiles(unmatched)).hasSize(2);
            assertThat(allFiles(unmatched).stream().filter(p -> p.toString().endsWith(".txt")).map(io.claimshub.testing.Fixtures::read))
                    .singleElement().asString().contains("835 CLM01 NOPE: no claim with patient control number NOPE was sent to payer acme");
            assertThat(allFiles(hub.outbox("sunrise"))).as("the 835 also holds claims the clinic must not see: a copy of its own")
                    .anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith("era.835-sunrise-part.835"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void an_835_for_two_clinics_is_split_so_each_sees_only_its_own_claims(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "S1", "100"), claim("sunrise", "S2", "100")),
                    List.of(claim("moonlight", "M1", "70")));

            hub.accept("acme", remittance("CHK5", "", clp("S1", "1", "100", "100", "0"), clp("M1", "1", "70", "70", "0"),
                    clp("S2", "4", "100", "0", "0")), "era.835");

            Path sunriseCopy = only(hub.outbox("sunrise"), ".835");
            Path moonlightCopy = only(hub.outbox("moonlight"), ".835");
            List<Remittance.ClaimPayment> sunriseClaims = new ReplyFileReader().read(Files.readAllBytes(sunriseCopy))
                    .remittances().get(0).claims();
            assertThat(sunriseClaims).extracting(Remittance.ClaimPayment::clm01).containsExactly("S1", "S2");
            assertThat(new ReplyFileReader().read(Files.readAllBytes(moonlightCopy)).remittances().get(0).claims())
                    .extracting(Remittance.ClaimPayment::clm01).containsExactly("M1");
            assertThat(read(moonlightCopy)).doesNotContain("S1").contains("TRN*1*CHK5");
            assertThat(json(hub, "sunrise")).hasSize(2).noneMatch(t -> t.contains("\"M1\""));
            assertThat(json(hub, "moonlight")).singleElement().asString().contains("\"claimStatus\" : \"paid\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void two_clinics_with_the_same_clm01_are_told_apart_by_the_payee_npi(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            hub.send("acme", List.of(claim("sunrise", "SAME1", "100")), List.of(claim("moonlight", "SAME1", "100")));

            hub.accept("acme", remittance("CHK7", ReplyHub.MOONLIGHT_NPI, clp("SAME1", "1", "100", "100", "0")), "era.835");
            hub.accept("acme", remittance("CHK8", "", clp("SAME1", "4", "100", "0", "0")), "era-no-payee.835");

            assertThat(hub.status("moonlight", "SAME1")).isEqualTo(ClaimStatus.PAID);
            assertThat(hub.status("sunrise", "SAME1")).isEqualTo(ClaimStatus.DELIVERED);
            assertThat(hub.replies.unmatched("acme")).singleElement().satisfies(u -> assertThat(u.detail())
                    .contains("by clinics moonlight, sunrise and the reply's provider (NPI '', tax id '') is none of them"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_broken_reply_is_kept_in_the_error_area_with_its_reason(String database) throws Exception {
        try (ReplyHub hub = new ReplyHub(database, tempDir)) {
            byte[] notX12 = "hello, this is not a reply\n".getBytes(StandardCharsets.US_ASCII);

            assertThatThrownBy(() -> hub.accept("acme", notX12, "hello.txt"))
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("hello.txt (stored as ")
                    .hasMessageEndingWith("not X12: the file does not start with an ISA segment");
            Path errors = hub.dataDir.resolve("replies/error/acme");
            assertThat(allFiles(errors)).hasSize(2);
            assertThat(hub.replies.replyFile("acme", Sha256.hex(notX12))).get()
                    .satisfies(f -> assertThat(f.status()).isEqualTo("error"));
        }
    }

    @org.junit.jupiter.api.Test
    void a_reply_for_a_payer_not_in_payers_yaml_is_refused_before_anything_is_stored() throws Exception {
        try (ReplyHub hub = new ReplyHub("h2", tempDir)) {
            assertThatThrownBy(() -> hub.accept("nobody", remittance("CHK1", "", clp("ACC1", "1", "1", "1", "0")), "era.835"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reply for unknown payer 'nobody' (not in payers.yaml)");
            assertThat(Files.exists(hub.dataDir.resolve("replies"))).isFalse();
        }
    }

    private static String icn(BatchLedger.Batch batch) {
        return String.valueOf(batch.interchangeControlNumber());
    }

    private static List<String> json(ReplyHub hub, String clinicId) {
        return allFiles(hub.outbox(clinicId)).stream().filter(p -> p.toString().endsWith(".json")).map(io.claimshub.testing.Fixtures::read).toList();
    }

    private static Path only(Path dir, String suffix) {
        List<Path> matching = allFiles(dir).stream().filter(p -> p.toString().endsWith(suffix)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** A 277CA whose 2200B (information receiver, TRN02 = the 837's BHT03) says A3:24 (entity not eligible), no claims. */
    static byte[] receiverRejection(String bht03) {
        return levelAck(bht03, "0", seg("STC", comp("A3", "24", "41"), "20261101", "U", "230"));
    }

    /** A 277CA whose 2200C (billing provider) says A3:562:85 (the provider's NPI), no claims. */
    static byte[] providerRejection(String bht03, String npi) {
        return levelAck(bht03, "1", seg("STC", comp("A1", "19", "PR"), "20261101", "WQ", "230"),
                seg("HL", "3", "2", "19", "0"), seg("NM1", "85", "2", "CLINIC", "", "", "", "", "XX", npi),
                seg("TRN", "1", "0"), seg("STC", comp("A3", "562", "85"), "20261101", "U", "180"));
    }

    /** A 277CA down to the information receiver (2000B, TRN02 = {@code bht03}), then {@code more}. */
    private static byte[] levelAck(String bht03, String receiverHasChildren, Object[]... more) {
        List<Object[]> segments = new ArrayList<>(List.of(seg("BHT", "0085", "08", "1", "20261101", "1200", "TH"),
                seg("HL", "1", "", "20", "1"), seg("NM1", "PR", "2", "ACME HEALTH PLAN", "", "", "", "", "PI", "60054"),
                seg("TRN", "1", "0"), seg("DTP", "050", "D8", "20261101"), seg("DTP", "009", "D8", "20261101"),
                seg("HL", "2", "1", "21", receiverHasChildren),
                seg("NM1", "41", "2", "SUNRISE HUB", "", "", "", "", "46", "SUNRISE01"), seg("TRN", "2", bht03)));
        segments.addAll(List.of(more));
        return X12Replies.file().interchange("000000322").group("HN", "322", "005010X214")
                .set("277", "0001", "005010X214", segments.toArray(new Object[0][])).bytes();
    }

    static Object[][] claimStatus(String clm01, String[] stc, String payerClaimNumber) {
        List<Object[]> segments = new ArrayList<>();
        segments.add(seg("TRN", "2", clm01));
        segments.add(seg("STC", stc, "20261101", "WQ", "100"));
        if (payerClaimNumber != null) {
            segments.add(seg("REF", "1K", payerClaimNumber));
        }
        return segments.toArray(new Object[0][]);
    }

    /** A 277CA with one billing provider (2000C) and one patient (2000D) per claim. */
    static byte[] claimAck(String providerNpi, Object[][]... claims) {
        List<Object[]> segments = new ArrayList<>();
        segments.add(seg("BHT", "0085", "08", "1", "20261101", "1200", "TH"));
        segments.add(seg("HL", "1", "", "20", "1"));
        segments.add(seg("NM1", "PR", "2", "ACME HEALTH PLAN", "", "", "", "", "PI", "60054"));
        segments.add(seg("HL", "2", "1", "21", "1"));
        segments.add(seg("NM1", "41", "2", "SUNRISE HUB", "", "", "", "", "46", "SUNRISE01"));
        segments.add(seg("HL", "3", "2", "19", "1"));
        segments.add(seg("NM1", "85", "2", "CLINIC", "", "", "", "", "XX", providerNpi));
        int hl = 4;
        for (Object[][] claim : claims) {
            segments.add(seg("HL", String.valueOf(hl++), "3", "PT"));
            segments.add(seg("NM1", "QC", "1", "PATIENT", "TEST"));
            segments.addAll(List.of(claim));
        }
        return X12Replies.file().interchange("000000321").group("HN", "321", "005010X214")
                .set("277", "0001", "005010X214", segments.toArray(new Object[0][])).bytes();
    }

    static Object[][] clp(String clm01, String status, String charge, String paid, String patient, Object[]... more) {
        List<Object[]> segments = new ArrayList<>();
        segments.add(seg("CLP", clm01, status, charge, paid, patient.equals("0") ? "" : patient, "12", "PCN-" + clm01));
        segments.add(seg("NM1", "QC", "1", "PATIENT", "TEST"));
        segments.addAll(List.of(more));
        return segments.toArray(new Object[0][]);
    }

    /** An 835 paid by check {@code checkNumber} on 2026-11-20; {@code payeeNpi} "" leaves the payee without an NPI. */
    static byte[] remittance(String checkNumber, String payeeNpi, Object[][]... claims) {
        List<Object[]> segments = new ArrayList<>();
        segments.add(seg("BPR", "I", "1000", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", "20261120"));
        segments.add(seg("TRN", "1", checkNumber, "1600054000"));
        segments.add(seg("N1", "PR", "ACME HEALTH PLAN"));
        segments.add(payeeNpi.isEmpty() ? seg("N1", "PE", "SUNRISE HUB") : seg("N1", "PE", "CLINIC", "XX", payeeNpi));
        segments.add(seg("LX", "1"));
        for (Object[][] claim : claims) {
            segments.addAll(List.of(claim));
        }
        segments.add(seg("PLB", "1234567893", "20261231", comp("WO", "X1"), "10"));
        return X12Replies.file().interchange("000000654").group("HP", "654", "005010X221A1")
                .set("835", "0001", "005010X221A1", segments.toArray(new Object[0][])).bytes();
    }
}
