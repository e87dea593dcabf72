package io.claimshub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimshub.claim.Reason;
import io.claimshub.ledger.AuditLog;
import io.claimshub.ledger.ClaimQueries.ClaimEvent;
import io.claimshub.ledger.ClaimQueries.ClaimRecord;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimQueries.DeadBatch;
import io.claimshub.ledger.ClaimQueries;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the API answers with. Search rows carry what a billing office works with (clinic, CLM01,
 * payer, amount, status, file and control numbers) and no patient data; only the claim detail, which
 * is audited, carries the claim payload.
 */
public final class ClaimViews {

    private ClaimViews() {
    }

    public record Page<T>(long total, int limit, int offset, List<T> items) {
    }

    public record ClaimSummary(long id, String clinicId, String clm01, String payerId, BigDecimal totalCharge,
                               String status, Instant receivedAt, Instant updatedAt, String batchFile,
                               String isa13, String st02, String payerClaimNumber) {
        static ClaimSummary of(ClaimRecord claim) {
            return new ClaimSummary(claim.id(), claim.clinicId(), claim.clm01(), claim.payerId(), claim.totalCharge(),
                    claim.status().display(), claim.receivedAt(), claim.updatedAt(), claim.batchFile(),
                    ClaimViews.isa13(claim.interchangeControlNumber()), claim.st02(), claim.payerClaimNumber());
        }
    }

    public record Source(String kind, String name, String controlId) {
    }

    /** The 837 file the claim went out in: file name, ISA13 (= GS06) and the ST02 of its transaction set. */
    public record FileView(String fileName, String isa13, String st02, String batchStatus) {
    }

    public record Event(Instant at, String status, String detail) {
        static Event of(ClaimEvent event) {
            return new Event(event.at(), event.status().display(), event.detail());
        }
    }

    /**
     * @param reasons         the edits' reasons for a rejected claim; for a claim a payer answered, the reasons of
     *                        the reply that set its status (a denial's adjustments and remarks in words)
     * @param payment         the latest 835 about the claim (docs/remittances.md, "The claim in the API"), null when none
     * @param acknowledgement the latest 277CA about the claim, null when none
     * @param secondaryClaim  the claim the hub billed to the next payer from this one's 835, null when none
     * @param payload         the claim as received (canonical JSON); null once the retention purge removed it
     * @param payloadPurgedAt when that happened
     */
    public record ClaimDetail(long id, String clinicId, String clm01, String payerId, BigDecimal totalCharge,
                              String status, Instant receivedAt, Instant updatedAt, String payerClaimNumber,
                              Source source, List<FileView> files, List<Reason> reasons, Payment payment,
                              Acknowledgement acknowledgement, ClaimLink secondaryClaim, List<Event> history,
                              JsonNode payload, Instant payloadPurgedAt) {
    }

    /**
     * What the payer did with the claim (one 835 CLP loop).
     *
     * @param claimStatusCode       CLP02, with its words in {@code claimStatusText}
     * @param billed                CLP03
     * @param allowed               AMT*AU, or the lines' allowed amounts, or billed less the CO adjustments
     * @param paid                  CLP04
     * @param patientResponsibility CLP05
     * @param adjustments           claim-level CAS; the lines carry their own
     * @param forwarded             the payer sent the claim on to the next payer itself (CLP02 19/20/21, MA18, N89)
     * @param remittance            the clinic's share of the payment: check/EFT, date, amount, PLB lines
     */
    public record Payment(String claimStatusCode, String claimStatusText, String payerClaimNumber, BigDecimal billed,
                          BigDecimal allowed, BigDecimal paid, BigDecimal patientResponsibility,
                          List<AdjustmentView> adjustments, List<Remark> remarks, List<LineView> lines, boolean forwarded,
                          io.claimshub.replies.ClaimStatusRecord.RemittanceShare remittance) {
    }

    /** One service line of the 835 (SVC), found by the REF*6R line control number the clinic sent. */
    public record LineView(String lineControlNumber, String procedure, BigDecimal billed, BigDecimal allowed,
                           BigDecimal paid, BigDecimal patientResponsibility, List<AdjustmentView> adjustments,
                           List<Remark> remarks) {
    }

    /** A CAS adjustment: group (CO, PR, OA, PI, CR) and reason code (CARC), each with its words, and the amount. */
    public record AdjustmentView(String group, String groupText, String code, String text, BigDecimal amount) {
    }

    /** A code and its words: a remark code (RARC), a 277CA status. */
    public record Remark(String code, String text) {
    }

    /** @param status the 277CA's meaning for the claim: accepted, payer rejected, or no change */
    public record Acknowledgement(String status, String payerClaimNumber, List<Remark> reasons) {
    }

    public record ClaimLink(long id, String payerId, String clm01, String status) {
    }

    /** The answer to a resubmitted claim: accepted | rejected | duplicate | unreadable, with the reasons. */
    public record Submission(String outcome, Long claimId, String clm01, String payerId, List<Reason> reasons) {
    }

    public record DeadLetter(String fileName, String payerId, String isa13, int claimCount, Instant createdAt,
                             String lastError) {
        static DeadLetter of(DeadBatch batch) {
            return new DeadLetter(batch.fileName(), batch.payerId(), ClaimViews.isa13(batch.interchangeControlNumber()),
                    batch.claimCount(), batch.createdAt(), batch.lastError());
        }
    }

    public record Redelivered(String fileName, String status, int claims) {
    }

    public record AuditEntry(Instant at, String user, String role, String action, Long claimId, String target,
                             String outcome) {
        static AuditEntry of(AuditLog.Entry entry) {
            return new AuditEntry(entry.at(), entry.user(), entry.role(), entry.action(), entry.claimId(),
                    entry.target(), entry.outcome());
        }
    }

    /** Claim counts for the dashboard: {@code {"counts":[{"status":"rejected","payer":"acme","count":3}]}}. */
    public record Summary(List<StatusCount> counts) {
    }

    /** @param payer null for claims rejected before a payer was known */
    public record StatusCount(String status, String payer, long count) {
        static StatusCount of(ClaimQueries.StatusCount count) {
            return new StatusCount(count.status().display(), count.payerId(), count.count());
        }
    }

    public record Problem(int status, String error) {
    }

    static String isa13(Long controlNumber) {
        return controlNumber == null ? null : String.format("%09d", controlNumber);
    }
}
