package io.claimshub.replies;

import io.claimshub.ledger.BatchLedger;
import io.claimshub.testing.Golden;
import io.claimshub.x12.replies.X12Replies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.claimshub.replies.ReplyHub.claim;
import static io.claimshub.replies.PayerRepliesTest.claimAck;
import static io.claimshub.replies.PayerRepliesTest.claimStatus;
import static io.claimshub.replies.PayerRepliesTest.clp;
import static io.claimshub.replies.PayerRepliesTest.remittance;
import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;

/**
 * What a clinic finds in its outbox after a payer's reply, byte for byte against golden files in
 * {@code src/test/resources/golden/replies/} (see docs/replies.md, "What the clinic receives"): the
 * payer's file whole or the clinic's own part of an 835, and one JSON record per claim. The clock and
 * the ledger are fresh and fixed, so file names, claim ids and times are the same on every run.
 *
 * <p>Remake the golden files after a deliberate change with
 * {@code mvn -o -q test -Dtest=ReplyGoldenTest -Dgolden.update=true} and review the diff against the docs.
 */
class ReplyGoldenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:01.123Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    @Test
    void a_999_reaches_each_clinic_whole_with_a_record_per_claim_accepted_or_rejected() throws Exception {
        try (ReplyHub hub = new ReplyHub("h2", tempDir, CLOCK)) {
            BatchLedger.Batch batch = hub.send("acme", List.of(claim("sunrise", "ACC1", "100")),
                    List.of(claim("moonlight", "ACC2", "50")));
            byte[] ack = X12Replies.file().interchange("000000501").group("FA", "501", "005010X231A1")
                    .set("999", "0001", "005010X231A1", seg("AK1", "HC", String.valueOf(batch.interchangeControlNumber()),
                                    "005010X222A1"),
                            seg("AK2", "837", batch.st02s().get(0)), seg("IK5", "A"),
                            seg("AK2", "837", batch.st02s().get(1)), seg("IK3", "CLM", "22", "2300", "8"),
                            seg("IK4", comp("5", "3"), "1325", "7", "9"), seg("IK5", "R", "5"),
                            seg("AK9", "P", "2", "2", "1"))
                    .bytes();

            hub.accept("acme", ack, "ack.999");

            Golden.assertFolderMatches("replies/999/sunrise", hub.outbox("sunrise"));
            Golden.assertFolderMatches("replies/999/moonlight", hub.outbox("moonlight"));
        }
    }

    @Test
    void a_277ca_reaches_the_clinic_with_the_payer_claim_number_and_the_rejection_in_words() throws Exception {
        try (ReplyHub hub = new ReplyHub("h2", tempDir, CLOCK)) {
            hub.send("acme", List.of(claim("sunrise", "ACC1", "100"), claim("sunrise", "ACC2", "80")));

            hub.accept("acme", claimAck(ReplyHub.SUNRISE_NPI,
                    claimStatus("ACC1", comp("A2", "20"), "PCN0001"),
                    claimStatus("ACC2", comp("A7", "562", "85"), null)), "claims.277");

            Golden.assertFolderMatches("replies/277ca/sunrise", hub.outbox("sunrise"));
        }
    }

    @Test
    void an_835_for_one_clinic_reaches_it_whole_with_payments_adjustments_and_lines_per_claim() throws Exception {
        try (ReplyHub hub = new ReplyHub("h2", tempDir, CLOCK)) {
            hub.send("acme", List.of(claim("sunrise", "PAID1", "200"), claim("sunrise", "PART1", "200"),
                    claim("sunrise", "DENY1", "100")));

            hub.accept("acme", remittance("CHK1001", ReplyHub.SUNRISE_NPI,
                    clp("PAID1", "1", "200", "150", "20", seg("CAS", "CO", "45", "30"),
                            seg("SVC", comp("HC", "99213"), "200", "150"), seg("CAS", "PR", "2", "20"), seg("REF", "6R", "PAID1-1")),
                    clp("PART1", "1", "200", "80", "0",
                            seg("SVC", comp("HC", "99213"), "120", "80"), seg("CAS", "CO", "45", "40"), seg("REF", "6R", "PART1-1"),
                            seg("SVC", comp("HC", "71046"), "80", "0"), seg("CAS", "CO", "50", "80"), seg("REF", "6R", "PART1-2")),
                    clp("DENY1", "4", "100", "0", "0", seg("CAS", "CO", "29", "100"))), "era-1.835");

            Golden.assertFolderMatches("replies/835/sunrise", hub.outbox("sunrise"));
        }
    }

    @Test
    void an_835_paying_two_clinics_is_split_into_a_copy_of_its_own_for_each() throws Exception {
        try (ReplyHub hub = new ReplyHub("h2", tempDir, CLOCK, new ReplyHub.ClinicSpec("regional", "6543210903", "111111111"),
                new ReplyHub.ClinicSpec("annex", "6543210909", "222222222"))) {
            hub.send("medicare", List.of(claim("regional", "666123", "211366.97")), List.of(claim("annex", "777777", "15000.00")));

            hub.accept("medicare", RemittanceSplitTest.sample("medicare-part-a.835"), "medicare-part-a.x12");

            Golden.assertFolderMatches("replies/835-split/regional", hub.outbox("regional"));
            Golden.assertFolderMatches("replies/835-split/annex", hub.outbox("annex"));
        }
    }
}
