package io.claimshub.replies;

import io.claimshub.ledger.ClaimStatus;
import io.claimshub.x12.replies.ClaimAck;
import io.claimshub.x12.replies.ImplementationAck;
import io.claimshub.x12.replies.InterchangeAck;
import io.claimshub.x12.replies.Remittance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The meaning of each reply for a claim, per docs/replies.md:
 * <ul>
 *   <li>TA1 {@code R}: payer rejected (note code in words); {@code A}/{@code E}: recorded, no change;</li>
 *   <li>999 IK5 {@code A}/{@code E}: acknowledged, anything else rejected, with the IK3/IK4 errors;</li>
 *   <li>277CA STC01-1 {@code A1}/{@code A2}: accepted, {@code A3}/{@code A6}/{@code A7}/{@code A8} (at claim or
 *       line level): payer rejected, with STC01-2 in words; other categories are recorded only;</li>
 *   <li>835 CLP02 {@code 4}: denied, {@code 22}: reversed; processed (1, 2, 3, 19, 20, 21): paid when
 *       CLP04 + CLP05 + contractual reductions (CO 45, 131, 253) cover CLP03, denied when nothing is paid
 *       and nothing is owed by the patient, partially paid otherwise.</li>
 * </ul>
 */
public final class ReplyOutcomes {

    private static final Set<String> ACCEPTING = Set.of("A1", "A2");
    private static final Set<String> REJECTING = Set.of("A3", "A6", "A7", "A8");
    private static final Set<String> PROCESSED = Set.of("1", "2", "3", "19", "20", "21");
    private static final Set<String> CONTRACTUAL = Set.of("45", "131", "253");

    private final ReplyCodes codes;

    public ReplyOutcomes(ReplyCodes codes) {
        this.codes = codes;
    }

    public ReplyOutcome interchangeAck(InterchangeAck ta1) {
        List<ClaimReplyStatus.Reason> reasons = List.of(
                new ClaimReplyStatus.Reason("TA1-4 " + ta1.ackCode(), codes.words("ik5", ta1.ackCode())),
                new ClaimReplyStatus.Reason("TA1-5 " + ta1.noteCode(), codes.words("ta1", ta1.noteCode())));
        return outcome("TA1", "ISA13 " + ta1.interchangeControlNumber(), ta1.rejected() ? ClaimStatus.PAYER_REJECTED : null,
                reasons);
    }

    public ReplyOutcome setAck(ImplementationAck ack, ImplementationAck.SetAck set) {
        List<ClaimReplyStatus.Reason> reasons = new ArrayList<>();
        reasons.add(new ClaimReplyStatus.Reason("IK5-1 " + set.ackCode(), codes.words("ik5", set.ackCode())));
        for (String code : set.setErrorCodes()) {
            reasons.add(new ClaimReplyStatus.Reason("IK5 " + code, codes.words("ik5err", code)));
        }
        for (ImplementationAck.SegmentError error : set.errors()) {
            String where = "segment " + error.segmentId() + " at position " + error.position()
                    + (error.loopId().isEmpty() ? "" : " in loop " + error.loopId())
                    + (error.context().isEmpty() ? "" : " (" + String.join(", ", error.context()) + ")");
            if (!error.code().isEmpty()) {
                reasons.add(new ClaimReplyStatus.Reason("IK3 " + error.segmentId() + " " + error.code(),
                        where + ": " + codes.words("ik3", error.code())));
            }
            for (ImplementationAck.ElementError element : error.elements()) {
                String name = error.segmentId() + String.format("%02d", parse(element.position()))
                        + (element.component().isEmpty() ? "" : "-" + element.component());
                reasons.add(new ClaimReplyStatus.Reason("IK4 " + name + " " + element.code(),
                        "element " + name + (element.reference().isEmpty() ? "" : " (data element " + element.reference() + ")")
                                + " " + where + ": " + codes.words("ik4", element.code())
                                + (element.badValue().isEmpty() ? "" : ", value sent '" + element.badValue() + "'")));
            }
        }
        return outcome("999", "GS06 " + ack.groupControlNumber() + " ST02 " + set.controlNumber(),
                set.rejected() ? ClaimStatus.PAYER_REJECTED : ClaimStatus.ACKNOWLEDGED, reasons);
    }

    /** A 999 that rejects the whole group without naming its sets (AK9 R and no AK2). */
    public ReplyOutcome groupAck(ImplementationAck ack) {
        List<ClaimReplyStatus.Reason> reasons = new ArrayList<>();
        reasons.add(new ClaimReplyStatus.Reason("AK9-1 " + ack.groupAckCode(), codes.words("ik5", ack.groupAckCode())));
        for (String code : ack.groupErrorCodes()) {
            reasons.add(new ClaimReplyStatus.Reason("AK9 " + code, "functional group error code " + code));
        }
        boolean rejected = "R".equals(ack.groupAckCode());
        return outcome("999", "GS06 " + ack.groupControlNumber(), rejected ? ClaimStatus.PAYER_REJECTED : ClaimStatus.ACKNOWLEDGED,
                reasons);
    }

    public ReplyOutcome claimAck(ClaimAck ack) {
        List<ClaimReplyStatus.Reason> reasons = new ArrayList<>();
        boolean accepted = false;
        boolean rejected = false;
        for (ClaimAck.Status status : ack.statuses()) {
            String code = status.category() + ":" + status.code() + (status.entity().isEmpty() ? "" : ":" + status.entity());
            String text = codes.words("stccat", status.category()) + "; " + codes.words("stc", status.code())
                    + (status.entity().isEmpty() ? "" : " (" + codes.words("entity", status.entity()) + ")");
            reasons.add(new ClaimReplyStatus.Reason((status.line().isEmpty() ? "" : "line " + status.line() + " ") + "STC " + code, text));
            rejected |= REJECTING.contains(status.category());
            accepted |= status.line().isEmpty() && ACCEPTING.contains(status.category());
        }
        ClaimStatus status = rejected ? ClaimStatus.PAYER_REJECTED : accepted ? ClaimStatus.ACCEPTED : null;
        return new ReplyOutcome("277CA", "TRN02 " + ack.clm01(), status, ack.payerClaimNumber(), ack.charge(), null, null,
                null, null, reasons, List.of(), List.of());
    }

    public ReplyOutcome claimPayment(Remittance remittance, Remittance.ClaimPayment claim) {
        List<ClaimReplyStatus.Reason> reasons = new ArrayList<>();
        reasons.add(new ClaimReplyStatus.Reason("CLP02 " + claim.statusCode(), codes.words("clp02", claim.statusCode())));
        List<ClaimReplyStatus.Adjustment> adjustments = claim.adjustments().stream().map(this::adjustment).toList();
        List<ClaimReplyStatus.Line> lines = claim.lines().stream().map(line -> new ClaimReplyStatus.Line(
                line.lineControlNumber(), line.procedure(), line.charge(), line.paid(),
                line.adjustments().stream().map(this::adjustment).toList())).toList();
        return new ReplyOutcome("835", "TRN02 " + remittance.checkNumber() + " CLP01 " + claim.clm01(), status(claim),
                claim.payerClaimNumber(), claim.charge(), claim.paid(), claim.patientResponsibility(),
                remittance.checkNumber(), remittance.paymentDate(), reasons, adjustments, lines);
    }

    static ClaimStatus status(Remittance.ClaimPayment claim) {
        if (claim.statusCode().equals("4")) {
            return ClaimStatus.DENIED;
        }
        if (claim.statusCode().equals("22")) {
            return ClaimStatus.REVERSED;
        }
        if (!PROCESSED.contains(claim.statusCode())) {
            return null;
        }
        BigDecimal contractual = BigDecimal.ZERO;
        List<Remittance.Adjustment> all = new ArrayList<>(claim.adjustments());
        claim.lines().forEach(line -> all.addAll(line.adjustments()));
        for (Remittance.Adjustment adjustment : all) {
            if (adjustment.group().equals("CO") && CONTRACTUAL.contains(adjustment.reason()) && adjustment.amount() != null) {
                contractual = contractual.add(adjustment.amount());
            }
        }
        BigDecimal covered = claim.paid().add(claim.patientResponsibility()).add(contractual);
        if (claim.charge() == null || covered.compareTo(claim.charge()) >= 0) {
            return ClaimStatus.PAID;
        }
        if (claim.paid().signum() == 0 && claim.patientResponsibility().signum() == 0) {
            return ClaimStatus.DENIED;
        }
        return ClaimStatus.PARTIALLY_PAID;
    }

    private ClaimReplyStatus.Adjustment adjustment(Remittance.Adjustment adjustment) {
        return new ClaimReplyStatus.Adjustment(adjustment.group(), codes.words("casgroup", adjustment.group()),
                adjustment.reason(), codes.words("carc", adjustment.reason()), adjustment.amount());
    }

    private static ReplyOutcome outcome(String kind, String controlNumbers, ClaimStatus status,
                                        List<ClaimReplyStatus.Reason> reasons) {
        return new ReplyOutcome(kind, controlNumbers, status, null, null, null, null, null, null, reasons, List.of(), List.of());
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
