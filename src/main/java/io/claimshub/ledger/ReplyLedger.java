package io.claimshub.ledger;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's side of payer replies: which reply files were received (by content, so a file delivered
 * twice is processed once), which sent claims a reply can be about, and each reply applied to its claim
 * — the claim's status only ever moves forward (by {@link ClaimStatus#rank()}), but every reply is kept
 * as a {@code claim_reply} row and a {@code claim_event}. Thread-safe; every method is one transaction.
 */
public final class ReplyLedger {

    private final Jdbc jdbc;
    private final Clock clock;
    private final String nodeId;

    /** One hub alone on its ledger. */
    public ReplyLedger(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /**
     * @param nodeId the {@link HubNodes} node applying replies: a reply file is applied by the node that
     *               registered it while that node's lease runs; null for one hub without one
     */
    public ReplyLedger(DataSource dataSource, Clock clock, String nodeId) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /**
     * @param alreadyProcessed true when this content was received and fully handled before
     * @param heldBy           the other hub applying this content right now (its lease runs); null when
     *                         this hub is to apply it
     */
    public record Registration(long fileId, boolean alreadyProcessed, String storedName, String heldBy) {
    }

    public record ReplyFileRow(long id, String payerId, String contentHash, String storedName, String sourceName,
                               String kinds, String status, String detail) {
    }

    /** A claim that went out to a payer, as a reply is matched against it. */
    public record SentClaim(long id, String clinicId, String clm01, ClaimStatus status, long interchangeControlNumber,
                            String st02, String payerClaimNumber, BigDecimal totalCharge, Instant sentAt) {
    }

    /**
     * What one reply says about one claim.
     *
     * @param status the status the reply means, null when it means none (a TA1 that accepts)
     * @param detail the reply's full detail for this claim as JSON (what the clinic was sent), null when none
     */
    public record ClaimReply(String kind, String controlNumbers, ClaimStatus status, String payerClaimNumber,
                             BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility, String checkNumber,
                             String paymentDate, String reasons, String adjustments, String detail) {
    }

    /** One clinic's share of one 835 transaction set, with its PLB adjustments. */
    public record RemittanceShare(long replyFileId, String payerId, String clinicId, String st02, String checkNumber,
                                  String paymentDate, BigDecimal amount, List<ProviderAdjustmentRow> adjustments) {
    }

    public record ProviderAdjustmentRow(String providerId, String fiscalPeriodDate, String reasonCode, String reference,
                                        BigDecimal amount) {
    }

    /** @param applied whether the claim moved to the reply's status */
    public record Applied(ClaimStatus before, ClaimStatus after, boolean applied) {
    }

    public record ClaimReplyRow(long claimId, long replyFileId, String kind, ClaimStatus status, boolean applied,
                                String payerClaimNumber, BigDecimal paid, String reasons, String adjustments,
                                String detail) {
    }

    public record UnmatchedRow(long replyFileId, String payerId, String kind, String reference, String detail,
                               String storedName) {
    }

    /**
     * Records a received reply file once per payer and content. A file recorded before but not finished
     * (the hub stopped while processing it) is handed back to be processed again.
     */
    public synchronized Registration register(String payerId, String contentHash, String storedName, String sourceName) {
        return jdbc.inTransaction(connection -> {
            List<Registration> known = lockReplyFile(connection, payerId, contentHash);
            if (known.isEmpty()) {
                java.sql.Savepoint beforeInsert = connection.setSavepoint();
                try {
                    long id = Jdbc.insert(connection, "INSERT INTO reply_file (payer_id, content_hash, stored_name,"
                                    + " source_name, status, received_at, owner_node) VALUES (?, ?, ?, ?, ?, ?, ?)", payerId,
                            contentHash, storedName, clip(sourceName, 255), "received", clock.instant(), nodeId);
                    return new Registration(id, false, storedName, null);
                } catch (SQLException e) {
                    // Another hub received the same content at the same moment: its row decides.
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(beforeInsert);
                    known = lockReplyFile(connection, payerId, contentHash);
                }
            }
            Registration found = known.get(0);
            if (found.alreadyProcessed() || nodeId == null) {
                return found;
            }
            // Received but not finished: by a hub that stopped half-way (or whose lease ran out), or by another
            // hub applying it right now, which keeps it.
            Instant now = clock.instant();
            if (Jdbc.update(connection, "UPDATE reply_file SET owner_node = ? WHERE id = ? AND (owner_node = ? OR "
                    + HubNodes.ownerLeaseExpired("owner_node") + ")", nodeId, found.fileId(), nodeId, now) == 1) {
                return found;
            }
            return new Registration(found.fileId(), false, found.storedName(), owner(connection, found.fileId()));
        });
    }

    private static List<Registration> lockReplyFile(Connection connection, String payerId, String contentHash)
            throws SQLException {
        return Jdbc.query(connection, "SELECT id, status, stored_name FROM reply_file WHERE payer_id = ? AND content_hash = ?"
                        + " FOR UPDATE",
                row -> new Registration(row.getLong(1), !"received".equals(row.getString(2)), row.getString(3), null),
                payerId, contentHash);
    }

    private static String owner(Connection connection, long fileId) throws SQLException {
        return Jdbc.query(connection, "SELECT owner_node FROM reply_file WHERE id = ?", row -> row.getString(1), fileId)
                .stream().findFirst().orElse(null);
    }

    /**
     * Fencing, inside each commit that applies part of a reply file: the file must still be this hub's and
     * its lease must run. Locks the file's row, so a hub taking the file over waits for this commit.
     */
    private void ensureHoldsReplyFile(Connection connection, long fileId) throws SQLException {
        if (nodeId == null) {
            return;
        }
        if (Jdbc.query(connection, "SELECT id FROM reply_file WHERE id = ? AND owner_node = ? AND EXISTS (SELECT 1"
                + " FROM hub_node n WHERE n.node_id = ? AND n.lease_until > ?) FOR UPDATE", row -> row.getLong(1),
                fileId, nodeId, nodeId, clock.instant()).isEmpty()) {
            String owner = owner(connection, fileId);
            throw new LeaseLostException("reply file " + fileId + " is no longer this node's to apply (lease of " + nodeId
                    + " ran out" + (nodeId.equals(owner) ? ")" : "; now held by " + owner + ")"));
        }
    }

    /** @param status processed | error */
    public void finish(long fileId, String status, String kinds, String detail) {
        jdbc.inTransaction(connection -> {
            ensureHoldsReplyFile(connection, fileId);
            return Jdbc.update(connection, "UPDATE reply_file SET status = ?, kinds = ?, detail = ?, processed_at = ?"
                    + " WHERE id = ?", status, clip(kinds, 64), clip(detail, 4000), clock.instant(), fileId);
        });
    }

    public Optional<ReplyFileRow> replyFile(String payerId, String contentHash) {
        return jdbc.query("SELECT id, payer_id, content_hash, stored_name, source_name, kinds, status, detail FROM reply_file"
                        + " WHERE payer_id = ? AND content_hash = ?",
                row -> new ReplyFileRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8)), payerId, contentHash)
                .stream().findFirst();
    }

    /** The claims sent to this payer in the interchange with this ISA13. */
    public List<SentClaim> claimsInInterchange(String payerId, long interchangeControlNumber) {
        return jdbc.query(SENT + " WHERE b.payer_id = ? AND b.interchange_control_number = ? ORDER BY c.st02, c.id",
                ReplyLedger::sentClaim, payerId, interchangeControlNumber);
    }

    /** The claims sent to this payer with this CLM01, the latest sent first. */
    public List<SentClaim> sentClaims(String payerId, String clm01) {
        return jdbc.query(SENT + " WHERE b.payer_id = ? AND c.clm01 = ? ORDER BY b.created_at DESC, c.id DESC",
                ReplyLedger::sentClaim, payerId, clm01);
    }

    private static final String SENT = "SELECT c.id, c.clinic_id, c.clm01, c.status, b.interchange_control_number, c.st02,"
            + " c.payer_claim_number, c.total_charge, b.created_at FROM claim c JOIN batch b ON b.id = c.batch_id";

    private static SentClaim sentClaim(ResultSet row) throws SQLException {
        return new SentClaim(row.getLong(1), row.getString(2), row.getString(3), ClaimStatus.valueOf(row.getString(4)),
                row.getLong(5), row.getString(6), row.getString(7), row.getBigDecimal(8), Jdbc.instant(row.getTimestamp(9)));
    }

    /**
     * Records a reply about a claim and moves the claim to the reply's status unless that would move it
     * backwards. A payer claim number in the reply is stored on the claim.
     */
    public Applied apply(long claimId, long replyFileId, String replyFileName, ClaimReply reply) {
        return jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            ensureHoldsReplyFile(connection, replyFileId);
            ClaimStatus before = ClaimStatus.valueOf(Jdbc.query(connection, "SELECT status FROM claim WHERE id = ? FOR UPDATE",
                    row -> row.getString(1), claimId).get(0));
            // A file the hub stopped processing half-way is processed again: what it already applied stays once.
            List<Boolean> done = Jdbc.query(connection, "SELECT applied FROM claim_reply WHERE claim_id = ? AND reply_file_id = ?"
                    + " AND kind = ? AND control_numbers = ?", row -> row.getBoolean(1), claimId, replyFileId, reply.kind(),
                    clip(reply.controlNumbers(), 200));
            if (!done.isEmpty()) {
                return new Applied(before, before, done.get(0));
            }
            boolean applied = reply.status() != null && reply.status() != before
                    && (reply.status().rank() >= before.rank() || correctsReversal(reply, before));
            ClaimStatus after = applied ? reply.status() : before;
            if (applied) {
                Jdbc.update(connection, "UPDATE claim SET status = ?, updated_at = ? WHERE id = ?", after.name(), now, claimId);
            }
            if (reply.payerClaimNumber() != null && !reply.payerClaimNumber().isBlank()) {
                Jdbc.update(connection, "UPDATE claim SET payer_claim_number = ? WHERE id = ?",
                        clip(reply.payerClaimNumber(), 64), claimId);
            }
            Jdbc.insert(connection, "INSERT INTO claim_reply (claim_id, reply_file_id, kind, control_numbers, reply_status,"
                            + " applied, payer_claim_number, charge, paid, patient_responsibility, check_number, payment_date,"
                            + " reasons, adjustments, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    claimId, replyFileId, reply.kind(), clip(reply.controlNumbers(), 200),
                    reply.status() == null ? null : reply.status().name(), applied, clip(reply.payerClaimNumber(), 64),
                    amount(reply.charge()), amount(reply.paid()), amount(reply.patientResponsibility()),
                    clip(reply.checkNumber(), 64), clip(reply.paymentDate(), 8), clip(reply.reasons(), 4000),
                    clip(reply.adjustments(), 4000), reply.detail(), now);
            StringBuilder detail = new StringBuilder(reply.kind()).append(' ').append(reply.controlNumbers())
                    .append(" in ").append(replyFileName).append(": ")
                    .append(reply.status() == null ? "no change" : reply.status().display());
            if (reply.status() != null && !applied && reply.status() != before) {
                detail.append(" not applied, the claim is already ").append(before.display());
            }
            if (reply.reasons() != null && !reply.reasons().isBlank()) {
                detail.append('\n').append(reply.reasons());
            }
            Jdbc.insert(connection, "INSERT INTO claim_event (claim_id, at, status, detail) VALUES (?, ?, ?, ?)",
                    claimId, now, after.name(), clip(detail.toString(), 4000));
            return new Applied(before, after, applied);
        });
    }

    /**
     * A payer corrects a payment by reversing it (CLP02 22) and sending the corrected one: the 835 after a
     * reversal sets the claim's status, so the claim ends at the corrected status.
     */
    private static boolean correctsReversal(ClaimReply reply, ClaimStatus before) {
        return before == ClaimStatus.REVERSED && reply.kind().equals("835")
                && reply.status().rank() == ClaimStatus.PAID.rank();
    }

    public void recordUnmatched(long replyFileId, String payerId, String kind, String reference, String detail,
                                String storedName) {
        jdbc.inTransaction(connection -> {
            ensureHoldsReplyFile(connection, replyFileId);
            return Jdbc.insert(connection, "INSERT INTO unmatched_reply (reply_file_id, payer_id, kind, reference, detail,"
                            + " stored_name, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)", replyFileId, payerId,
                    kind, clip(reference, 200), clip(detail, 4000), clip(storedName, 1000), clock.instant());
        });
    }

    public List<ClaimReplyRow> replies(long claimId) {
        return jdbc.query("SELECT claim_id, reply_file_id, kind, reply_status, applied, payer_claim_number, paid, reasons,"
                        + " adjustments, detail FROM claim_reply WHERE claim_id = ? ORDER BY id",
                row -> new ClaimReplyRow(row.getLong(1), row.getLong(2), row.getString(3),
                        row.getString(4) == null ? null : ClaimStatus.valueOf(row.getString(4)), row.getBoolean(5),
                        row.getString(6), row.getBigDecimal(7), row.getString(8), row.getString(9), row.getString(10)),
                claimId);
    }

    /**
     * Records a clinic's share of an 835 set and its PLB adjustments, once: a file processed again after a
     * stop finds the share recorded and leaves it.
     */
    public void recordRemittance(RemittanceShare share) {
        jdbc.inTransaction(connection -> {
            ensureHoldsReplyFile(connection, share.replyFileId());
            boolean known = !Jdbc.query(connection, "SELECT id FROM remittance WHERE reply_file_id = ? AND st02 = ?"
                    + " AND clinic_id = ?", row -> row.getLong(1), share.replyFileId(), share.st02(), share.clinicId()).isEmpty();
            if (known) {
                return null;
            }
            long id = Jdbc.insert(connection, "INSERT INTO remittance (reply_file_id, payer_id, clinic_id, st02, check_number,"
                            + " payment_date, amount, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", share.replyFileId(),
                    share.payerId(), share.clinicId(), share.st02(), clip(share.checkNumber(), 64),
                    clip(share.paymentDate(), 8), amount(share.amount()), clock.instant());
            insertAdjustments(connection, share.replyFileId(), id, share.payerId(), share.st02(), share.adjustments());
            return null;
        });
    }

    /** PLB adjustments for a provider that is no clinic of the hub (they are in the unmatched area as well). */
    public void recordUnknownProviderAdjustments(long replyFileId, String payerId, String st02,
                                                 List<ProviderAdjustmentRow> adjustments) {
        jdbc.inTransaction(connection -> {
            ensureHoldsReplyFile(connection, replyFileId);
            boolean known = !Jdbc.query(connection, "SELECT id FROM provider_adjustment WHERE reply_file_id = ? AND st02 = ?"
                    + " AND remittance_id IS NULL", row -> row.getLong(1), replyFileId, st02).isEmpty();
            if (!known) {
                insertAdjustments(connection, replyFileId, null, payerId, st02, adjustments);
            }
            return null;
        });
    }

    private static void insertAdjustments(Connection connection, long replyFileId, Long remittanceId, String payerId,
                                          String st02, List<ProviderAdjustmentRow> adjustments) throws SQLException {
        for (ProviderAdjustmentRow adjustment : adjustments) {
            Jdbc.insert(connection, "INSERT INTO provider_adjustment (reply_file_id, remittance_id, payer_id, st02, provider_id,"
                            + " fiscal_period_date, reason_code, reference, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    replyFileId, remittanceId, payerId, st02, clip(adjustment.providerId(), 80),
                    clip(adjustment.fiscalPeriodDate(), 8), clip(adjustment.reasonCode(), 8),
                    clip(adjustment.reference(), 80), amount(adjustment.amount()));
        }
    }

    /** A clinic's remittances (its shares of 835s), newest first, with their PLB adjustments. */
    public List<RemittanceShare> remittances(String clinicId) {
        List<Object[]> rows = jdbc.query("SELECT id, reply_file_id, payer_id, clinic_id, st02, check_number, payment_date, amount"
                        + " FROM remittance WHERE clinic_id = ? ORDER BY id DESC",
                row -> new Object[]{row.getLong(1), new RemittanceShare(row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getBigDecimal(8), List.of())}, clinicId);
        return rows.stream().map(row -> {
            RemittanceShare share = (RemittanceShare) row[1];
            List<ProviderAdjustmentRow> adjustments = jdbc.query("SELECT provider_id, fiscal_period_date, reason_code,"
                            + " reference, amount FROM provider_adjustment WHERE remittance_id = ? ORDER BY id",
                    a -> new ProviderAdjustmentRow(a.getString(1), a.getString(2), a.getString(3), a.getString(4),
                            a.getBigDecimal(5)), row[0]);
            return new RemittanceShare(share.replyFileId(), share.payerId(), share.clinicId(), share.st02(),
                    share.checkNumber(), share.paymentDate(), share.amount(), adjustments);
        }).toList();
    }

    /** The claim billed to the next payer from this one's 835, if any. */
    public record LinkedClaim(long id, String payerId, String clm01, ClaimStatus status) {
    }

    public Optional<LinkedClaim> secondaryOf(long primaryClaimId) {
        return jdbc.query("SELECT id, payer_id, clm01, status FROM claim WHERE primary_claim_id = ? ORDER BY id",
                row -> new LinkedClaim(row.getLong(1), row.getString(2), row.getString(3),
                        ClaimStatus.valueOf(row.getString(4))), primaryClaimId).stream().findFirst();
    }

    /** Marks {@code secondaryClaimId} as billed from {@code primaryClaimId}'s 835 and notes it on both. */
    public void linkSecondary(long primaryClaimId, long secondaryClaimId, String detail) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "UPDATE claim SET primary_claim_id = ? WHERE id = ?", primaryClaimId, secondaryClaimId);
            addNote(connection, primaryClaimId, detail + ": claim " + secondaryClaimId);
            addNote(connection, secondaryClaimId, "billed from claim " + primaryClaimId + ": " + detail);
            return null;
        });
    }

    /** A next payer's claim held for a clerk (billSecondary review). */
    public record HeldClaim(long id, long primaryClaimId, String clinicId, String payload, String reason,
                            Long releasedClaimId) {
    }

    /** Holds a next payer's claim; false when one is held for this claim already. */
    public boolean hold(long primaryClaimId, String clinicId, String payload, String reason) {
        return jdbc.inTransaction(connection -> {
            if (!Jdbc.query(connection, "SELECT id FROM held_claim WHERE primary_claim_id = ?", row -> row.getLong(1),
                    primaryClaimId).isEmpty()) {
                return false;
            }
            Jdbc.insert(connection, "INSERT INTO held_claim (primary_claim_id, clinic_id, payload, reason, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", primaryClaimId, clinicId, payload, clip(reason, 1000), clock.instant());
            addNote(connection, primaryClaimId, reason);
            return true;
        });
    }

    public Optional<HeldClaim> held(long primaryClaimId) {
        return jdbc.query("SELECT id, primary_claim_id, clinic_id, payload, reason, released_claim_id FROM held_claim"
                        + " WHERE primary_claim_id = ?", row -> new HeldClaim(row.getLong(1), row.getLong(2),
                        row.getString(3), row.getString(4), row.getString(5),
                        row.getObject(6) == null ? null : row.getLong(6)), primaryClaimId).stream().findFirst();
    }

    public void released(long heldId, long claimId) {
        jdbc.inTransaction(connection -> Jdbc.update(connection, "UPDATE held_claim SET released_claim_id = ? WHERE id = ?",
                claimId, heldId));
    }

    /** Adds a line to the claim's history without changing its status. */
    public void note(long claimId, String detail) {
        jdbc.inTransaction(connection -> {
            addNote(connection, claimId, detail);
            return null;
        });
    }

    private void addNote(Connection connection, long claimId, String detail) throws SQLException {
        String status = Jdbc.query(connection, "SELECT status FROM claim WHERE id = ?", row -> row.getString(1), claimId).get(0);
        Jdbc.insert(connection, "INSERT INTO claim_event (claim_id, at, status, detail) VALUES (?, ?, ?, ?)",
                claimId, clock.instant(), status, clip(detail, 4000));
    }

    /** Every reply that matched no claim, newest first. */
    public List<UnmatchedRow> unmatchedAll() {
        return jdbc.query("SELECT reply_file_id, payer_id, kind, reference, detail, stored_name FROM unmatched_reply"
                        + " ORDER BY id DESC",
                row -> new UnmatchedRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)));
    }

    public List<UnmatchedRow> unmatched(String payerId) {
        return jdbc.query("SELECT reply_file_id, payer_id, kind, reference, detail, stored_name FROM unmatched_reply"
                        + " WHERE payer_id = ? ORDER BY id",
                row -> new UnmatchedRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)), payerId);
    }

    private static BigDecimal amount(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
