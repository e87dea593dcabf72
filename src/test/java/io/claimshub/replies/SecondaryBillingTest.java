package io.claimshub.replies;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimshub.claim.Claim;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.claim.ClaimJson;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.InputItem;
import io.claimshub.intake.IntakeResult;
import io.claimshub.intake.RejectionWriter;
import io.claimshub.intake.SourceRef;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.testing.Ledgers;
import io.claimshub.x12.replies.X12Replies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static io.claimshub.x12.replies.X12Replies.comp;
import static io.claimshub.x12.replies.X12Replies.seg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primary's 835 arrives for a claim with a second coverage: the hub bills the next payer
 * ({@code billSecondary: auto}), holds the claim for a clerk ({@code review}), or only notes it
 * ({@code off}, or when the payer forwarded the claim itself) — on a real ledger with the real intake.
 */
class SecondaryBillingTest {

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void auto_bills_the_next_payer_with_what_the_primary_paid(String database) throws Exception {
        try (Hub hub = new Hub(database, workDir, "auto")) {
            long primary = hub.sendToAcme();

            hub.replies.accept("acme", primary835("1", ""), "era.835");

            ClaimQueries.ClaimRecord next = hub.queries.findByClm01("sunrise", "ACC20001").stream()
                    .filter(c -> "medicare".equals(c.payerId())).findFirst().orElseThrow();
            assertThat(next.status()).isEqualTo(ClaimStatus.VALIDATED);
            assertThat(hub.replyLedger.secondaryOf(primary)).get().satisfies(link -> {
                assertThat(link.id()).isEqualTo(next.id());
                assertThat(link.payerId()).isEqualTo("medicare");
            });
            Claim billed = ClaimJson.read(hub.queries.payload(next.id()).orElseThrow());
            assertThat(billed.payerResponsibility()).isEqualTo("S");
            assertThat(billed.coverages()).extracting(c -> c.payerKey()).containsExactly("MEDICARE");
            assertThat(billed.otherPayers()).singleElement().satisfies(other -> {
                assertThat(other.payerId()).isEqualTo("60054");
                assertThat(other.paid()).isEqualByComparingTo("150");
                assertThat(other.remainingPatientLiability()).isEqualByComparingTo("30");
                assertThat(other.payerClaimNumber()).isEqualTo("ACME777");
                assertThat(other.lines()).extracting(l -> l.lineControlNumber()).containsExactly("ACC20001-1", "ACC20001-2");
            });
            assertThat(hub.queries.history(primary)).anySatisfy(e -> assertThat(e.detail())
                    .contains("ACME HEALTH PLAN left 30.00 for MEDICARE PART B; billed to MEDICARE PART B"));

            hub.replies.accept("acme", correction(), "era-2.835");
            assertThat(hub.queries.findByClm01("sunrise", "ACC20001")).as("one next payer's claim per claim").hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void a_claim_the_payer_forwarded_itself_is_not_billed_and_the_history_says_so(String database) throws Exception {
        try (Hub hub = new Hub(database, workDir, "auto")) {
            long primary = hub.sendToAcme();

            hub.replies.accept("acme", primary835("1", "MA18"), "era.835");

            assertThat(hub.queries.findByClm01("sunrise", "ACC20001")).hasSize(1);
            assertThat(hub.queries.history(primary)).anySatisfy(e -> assertThat(e.detail())
                    .isEqualTo("ACME HEALTH PLAN forwarded the claim to the next payer itself; the hub does not bill MEDICARE PART B"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void review_holds_the_next_payers_claim_until_a_clerk_releases_it(String database) throws Exception {
        try (Hub hub = new Hub(database, workDir, "review")) {
            long primary = hub.sendToAcme();

            hub.replies.accept("acme", primary835("1", ""), "era.835");

            assertThat(hub.queries.findByClm01("sunrise", "ACC20001")).hasSize(1);
            assertThat(hub.replyLedger.held(primary)).get().satisfies(h -> assertThat(h.reason())
                    .endsWith("the claim waits for a clerk's release (billSecondary review)"));

            IntakeResult released = hub.billing.release(primary).orElseThrow();

            assertThat(released.kind()).isEqualTo(IntakeResult.Kind.ACCEPTED);
            assertThat(released.payerId()).isEqualTo("medicare");
            assertThat(hub.replyLedger.secondaryOf(primary)).get().satisfies(l -> assertThat(l.id()).isEqualTo(released.claimId()));
            assertThat(hub.billing.release(primary)).as("released once").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.claimshub.ledger.LedgerDatabases#names")
    void off_only_notes_the_balance_left(String database) throws Exception {
        try (Hub hub = new Hub(database, workDir, "off")) {
            long primary = hub.sendToAcme();

            hub.replies.accept("acme", primary835("1", ""), "era.835");

            assertThat(hub.queries.findByClm01("sunrise", "ACC20001")).hasSize(1);
            assertThat(hub.queries.history(primary)).anySatisfy(e -> assertThat(e.detail())
                    .isEqualTo("ACME HEALTH PLAN left 30.00 for MEDICARE PART B; billSecondary is off for this clinic"));
        }
    }

    /** ACME pays 150.00 of 205.00: 25.00 contractual, 30.00 deductible; a remark code when given. */
    private static byte[] primary835(String clp02, String remark) {
        List<Object[]> segments = new java.util.ArrayList<>(List.of(
                seg("BPR", "I", "150", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", "20261120"),
                seg("TRN", "1", "ACMECHK9", "1600054000"), seg("N1", "PR", "ACME HEALTH PLAN"),
                seg("N1", "PE", "SUNRISE", "XX", "1234567893"), seg("LX", "1"),
                seg("CLP", "ACC20001", clp02, "205", "150", "30", "12", "ACME777"), seg("NM1", "QC", "1", "DOE", "JANE")));
        if (!remark.isEmpty()) {
            segments.add(seg("MOA", "", "", remark));
        }
        segments.addAll(List.of(
                seg("SVC", comp("HC", "99213", "25"), "125", "100"), seg("CAS", "CO", "45", "25"), seg("REF", "6R", "ACC20001-1"),
                seg("SVC", comp("HC", "71046"), "80", "50"), seg("CAS", "PR", "1", "30"), seg("REF", "6R", "ACC20001-2")));
        return X12Replies.file().interchange("000000801").group("HP", "801", "005010X221A1")
                .set("835", "0001", "005010X221A1", segments.toArray(new Object[0][])).bytes();
    }

    /** A later 835 that reverses and corrects the payment. */
    private static byte[] correction() {
        return X12Replies.file().interchange("000000802").group("HP", "802", "005010X221A1")
                .set("835", "0001", "005010X221A1",
                        seg("BPR", "I", "10", "C", "CHK", "", "", "", "", "", "", "", "", "", "", "", "20261201"),
                        seg("TRN", "1", "ACMECHK10", "1600054000"), seg("N1", "PR", "ACME HEALTH PLAN"),
                        seg("N1", "PE", "SUNRISE", "XX", "1234567893"), seg("LX", "1"),
                        seg("CLP", "ACC20001", "22", "-205", "-150", "-30", "12", "ACME777"),
                        seg("CLP", "ACC20001", "1", "205", "160", "20", "12", "ACME778"), seg("CAS", "CO", "45", "25"),
                        seg("CAS", "PR", "1", "20"))
                .bytes();
    }

    /** The hub's claim and reply side on a real ledger, with clinic sunrise set to {@code billSecondary}. */
    private static final class Hub implements AutoCloseable {
        final LedgerDatabase database;
        final Ledgers claims;
        final ClaimQueries queries;
        final ReplyLedger replyLedger;
        final ClaimIntake intake;
        final PayerReplies replies;
        final SecondaryBilling billing;
        final PartnerConfig partners;

        Hub(String databaseName, Path workDir, String billSecondary) throws Exception {
            Path config = Files.createDirectories(workDir.resolve("config"));
            Files.copy(Path.of("src/test/resources/e2e/config/payers.yaml"), config.resolve("payers.yaml"));
            Files.writeString(config.resolve("clinics.yaml"), Files.readString(Path.of("src/test/resources/e2e/config/clinics.yaml"))
                    .replace("    replyTo: folder\n", "    replyTo: folder\n    billSecondary: " + billSecondary + "\n"));
            partners = PartnerConfigLoader.load(config, workDir);
            database = LedgerDatabases.target(databaseName, workDir).open();
            Clock clock = Clock.systemUTC();
            claims = Ledgers.open(database.dataSource(), clock);
            queries = new ClaimQueries(database.dataSource(), clock);
            replyLedger = new ReplyLedger(database.dataSource(), clock);
            intake = new ClaimIntake(new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(), new ClaimEdits(clock)),
                    claims.intake(), new RejectionWriter(clock), payer -> { }, new ClaimMetrics(new SimpleMeterRegistry()));
            billing = new SecondaryBilling(partners, queries, replyLedger, intake);
            replies = ReplyHub.payerReplies(partners, replyLedger, workDir.resolve("data"), clock, billing);
        }

        /** examples/claim.json with a second coverage (Medicare), accepted and delivered to acme. */
        long sendToAcme() throws Exception {
            ObjectNode json = (ObjectNode) ClaimJson.mapper().readTree(Path.of("examples/claim.json").toFile());
            ArrayNode coverages = (ArrayNode) json.get("coverages");
            ObjectNode medicare = coverages.get(0).deepCopy();
            medicare.put("origin", "IN1 #2").put("payerKey", "MEDICARE").put("payerName", "MEDICARE PART B")
                    .put("memberId", "1EG4TE5MK73").putNull("groupNumber");
            coverages.add(medicare);
            Claim claim = ClaimJson.mapper().treeToValue(json, Claim.class);
            IntakeResult result = intake.accept(partners.clinic("sunrise").orElseThrow(), new InputItem.JsonClaim(1, claim),
                    new SourceRef("file", "claim.json", 1, null));
            assertThat(result.reasons()).isEmpty();
            BatchLedger.Batch batch = claims.batches().createBatch("acme", n -> "acme-" + n + ".837", List.of(List.of(result.claimId())));
            claims.batches().markBatchWritten(batch.id());
            claims.batches().markBatchDelivered(batch.id(), "folder");
            return result.claimId();
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
