package io.claimshub.replies;

import io.claimshub.clinicreturn.ClinicReplyChannels;
import io.claimshub.clinicreturn.ClinicReturn;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimStatus;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerDatabases;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.testing.Ledgers;
import io.claimshub.x12.replies.ReplyFileReader;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply side of the hub on a real ledger (H2, or PostgreSQL when configured): two clinics that
 * both send to payer acme, claims recorded and put in 837 batches exactly as the batch writer does,
 * and the real reply flow ({@link PayerReplies}) with its folders in a temporary directory.
 */
final class ReplyHub implements AutoCloseable {

    static final String SUNRISE_NPI = "1234567893";
    static final String MOONLIGHT_NPI = "1245319599";

    final Path dataDir;
    final LedgerDatabase database;
    final Ledgers claims;
    final ReplyLedger replies;
    final PartnerConfig partners;
    final PayerReplies payerReplies;

    ReplyHub(String databaseName, Path tempDir) throws Exception {
        this(databaseName, tempDir, Clock.systemUTC());
    }

    ReplyHub(String databaseName, Path tempDir, Clock clock) throws Exception {
        this(databaseName, tempDir, clock, new ClinicSpec("sunrise", SUNRISE_NPI, "123456789"),
                new ClinicSpec("moonlight", MOONLIGHT_NPI, "987654321"));
    }

    /** A clinic of the hub: id, NPI, tax id. */
    record ClinicSpec(String id, String npi, String taxId) {
    }

    ReplyHub(String databaseName, Path tempDir, ClinicSpec... clinics) throws Exception {
        this(databaseName, tempDir, Clock.systemUTC(), clinics);
    }

    /** @param clock the time of the ledger and of the files written (a fixed one for golden files) */
    ReplyHub(String databaseName, Path tempDir, Clock clock, ClinicSpec... clinics) throws Exception {
        LedgerDatabases.Target target = LedgerDatabases.target(databaseName, tempDir);
        database = target.open();
        claims = Ledgers.open(database.dataSource(), clock);
        replies = new ReplyLedger(database.dataSource(), clock);
        dataDir = tempDir.resolve("data");
        List<ClinicConfig> configured = new ArrayList<>();
        for (ClinicSpec spec : clinics) {
            configured.add(clinic(spec.id(), spec.npi(), spec.taxId()));
        }
        partners = new PartnerConfig(configured,
                List.of(new PayerConfig("acme", "ACME HEALTH PLAN", "60054", List.of("ACME"), "CI", null, null, null, null, null),
                        new PayerConfig("medicare", "MEDICARE", "00430", List.of("MEDICARE"), "MB", null, null, null, null, null)));
        payerReplies = payerReplies(partners, replies, dataDir, clock, null);
    }

    /**
     * The reply flow as RepliesConfiguration wires it, every clinic's results going to its outbox folder.
     *
     * @param billing who bills next payers after an 835, null for none
     */
    static PayerReplies payerReplies(PartnerConfig partners, ReplyLedger ledger, Path dataDir, Clock clock,
                                     SecondaryBilling billing) {
        ReplyCodes codes = new ReplyCodes();
        ReplyApplier applier = new ReplyApplier(ledger, new ReplyMatcher(partners, ledger, new ReplyOutcomeMapper(codes)), codes);
        if (billing != null) {
            applier.billNextPayersWith(billing);
        }
        return new PayerReplies(partners, new ReplyStore(ledger, dataDir, clock), new ReplyFileReader(), applier,
                new ClinicReturn(partners, ClinicReplyChannels.folderOnly()));
    }

    private ClinicConfig clinic(String id, String npi, String taxId) {
        return new ClinicConfig(id, id, npi, taxId, "207Q00000X", null, "11", null, List.of(id.toUpperCase()),
                dataDir.resolve("clinics/" + id + "/inbox"), dataDir.resolve("clinics/" + id + "/outbox"), ClinicConfig.ReplyTo.FOLDER,
                null);
    }

    record Sent(String clinicId, String clm01, long claimId) {
    }

    /** One claim to send: clinic, CLM01, charge. */
    record ClaimSpec(String clinicId, String clm01, String charge) {
    }

    static ClaimSpec claim(String clinicId, String clm01, String charge) {
        return new ClaimSpec(clinicId, clm01, charge);
    }

    /** Records the claims and sends them in one 837 to the payer, one transaction set per given list. */
    @SafeVarargs
    final BatchLedger.Batch send(String payerId, List<ClaimSpec>... sets) {
        List<List<Long>> ids = new ArrayList<>();
        for (List<ClaimSpec> set : sets) {
            List<Long> setIds = new ArrayList<>();
            for (ClaimSpec spec : set) {
                IntakeLedger.IntakeOutcome outcome = claims.intake().recordClaim(new IntakeLedger.IncomingClaim(spec.clinicId(),
                        spec.clm01(), "1", null, payerId, new BigDecimal(spec.charge()), "{}",
                        spec.clinicId() + "/" + spec.clm01() + "/" + System.nanoTime(),
                        new IntakeLedger.Source("file", "visit.hl7", null), List.of()));
                setIds.add(outcome.claimId());
            }
            ids.add(setIds);
        }
        BatchLedger.Batch batch = claims.batches().createBatch(payerId, n -> payerId + "-" + n + ".837", ids);
        claims.batches().markBatchWritten(batch.id());
        claims.batches().markBatchDelivered(batch.id(), "folder");
        return batch;
    }

    ClaimQueries.ClaimRecord claim(String clinicId, String clm01) {
        List<ClaimQueries.ClaimRecord> found = claims.queries().findByClm01(clinicId, clm01);
        return found.get(found.size() - 1);
    }

    ClaimStatus status(String clinicId, String clm01) {
        return claim(clinicId, clm01).status();
    }

    ReplyFileResult accept(String payerId, byte[] body, String name) throws Exception {
        return payerReplies.accept(payerId, body, name);
    }

    Path outbox(String clinicId) {
        return dataDir.resolve("clinics/" + clinicId + "/outbox");
    }

    @Override
    public void close() {
        database.close();
    }
}
