package io.claimshub.replies;

import io.claimshub.ledger.ClaimStatus;
import io.claimshub.x12.replies.ClaimAck;
import io.claimshub.x12.replies.ImplementationAck;
import io.claimshub.x12.replies.InterchangeAck;
import io.claimshub.x12.replies.LevelAck;
import io.claimshub.x12.replies.Remittance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes the {@link ReplyOutcome} of each parsed reply for a claim: what it means, per docs/replies.md:
 * <ul>
 *   <li>TA1 {@code R}: payer rejected (note code in words); {@code A}/{@code E}: recorded, no change;</li>
 *   <li>999 IK5 {@code A}/{@code E}: acknowledged, anything else rejected, with the IK3/IK4 errors;</li>
 *   <li>277CA STC01-1 {@code A1}/{@code A2}: accepted, {@code A3}/{@code A6}/{@code A7}/{@code A8} (at claim or
 *       line level): payer rejected, with STC01-2 in words; other categories are recorded only;</li>
 *   <li>277CA rejections above the claims (2200B, 2200C): payer rejected, for every claim of that scope;</li>
 *   <li>835: see {@link #status(Remittance.ClaimPayment)}.</li>
 * </ul>
 */
public final class ReplyOutcomeMapper {

    private static final Set<String> ACCEPTING = Set.of("A1", "A2");
    private static final Set<String> REJECTING = Set.of("A3", "A6", "A7", "A8");
    private static final Set<String> FORWARDED = Set.of("19", "20", "21");

    private final ReplyCodes codes;

    public ReplyOutcomeMapper(ReplyCodes codes) {
        this.codes = codes;
    }

    public ReplyOutcome interchangeAck(InterchangeAck ta1) {
        List<ClaimStatusRecord.Reason> reasons = List.of(
                new ClaimStatusRecord.Reason("TA1-4 " + ta1.ackCode(), codes.words("ik5", ta1.ackCode())),
                new ClaimStatusRecord.Reason("TA1-5 " + ta1.noteCode(), codes.words("ta1", ta1.noteCode())));
        return outcome("TA1", "ISA13 " + ta1.interchangeControlNumber(), ta1.rejected() ? ClaimStatus.PAYER_REJECTED : null,
                reasons);
    }

    public ReplyOutcome setAck(ImplementationAck ack, ImplementationAck.SetAck set) {
        List<ClaimStatusRecord.Reason> reasons = new ArrayList<>();
        reasons.add(new ClaimStatusRecord.Reason("IK5-1 " + set.ackCode(), codes.words("ik5", set.ackCode())));
        for (String code : set.setErrorCodes()) {
            reasons.add(new ClaimStatusRecord.Reason("IK5 " + code, codes.words("ik5err", code)));
        }
        for (ImplementationAck.SegmentError error : set.errors()) {
            String where = "segment " + error.segmentId() + " at position " + error.position()
                    + (error.loopId().isEmpty() ? "" : " in loop " + error.loopId())
                    + (error.context().isEmpty() ? "" : " (" + String.join(", ", error.context()) + ")");
            if (!error.code().isEmpty()) {
                reasons.add(new ClaimStatusRecord.Reason("IK3 " + error.segmentId() + " " + error.code(),
                        where + ": " + codes.words("ik3", error.code())));
            }
            for (ImplementationAck.ElementError element : error.elements()) {
                String name = error.segmentId() + String.format("%02d", parse(element.position()))
                        + (element.component().isEmpty() ? "" : "-" + element.component());
                reasons.add(new ClaimStatusRecord.Reason("IK4 " + name + " " + element.code(),
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
        List<ClaimStatusRecord.Reason> reasons = new ArrayList<>();
        reasons.add(new ClaimStatusRecord.Reason("AK9-1 " + ack.groupAckCode(), codes.words("ik5", ack.groupAckCode())));
        for (String code : ack.groupErrorCodes()) {
            reasons.add(new ClaimStatusRecord.Reason("AK9 " + code, "functional group error code " + code));
        }
        boolean rejected = "R".equals(ack.groupAckCode());
        return outcome("999", "GS06 " + ack.groupControlNumber(), rejected ? ClaimStatus.PAYER_REJECTED : ClaimStatus.ACKNOWLEDGED,
                reasons);
    }

    public ReplyOutcome claimAck(ClaimAck ack) {
        List<ClaimStatusRecord.Reason> reasons = new ArrayList<>();
        boolean accepted = false;
        boolean rejected = false;
        for (ClaimAck.Status status : ack.statuses()) {
            reasons.add(stcReason(status.line().isEmpty() ? "" : "line " + status.line() + " ", status));
            rejected |= REJECTING.contains(status.category());
            accepted |= status.line().isEmpty() && ACCEPTING.contains(status.category());
        }
        ClaimStatus status = rejected ? ClaimStatus.PAYER_REJECTED : accepted ? ClaimStatus.ACCEPTED : null;
        return ReplyOutcome.of("277CA", "TRN02 " + ack.clm01(), status, ack.payerClaimNumber(), ack.charge(), reasons);
    }

    /**
     * A 277CA status above the claims (2200B, 2200C), for each claim of its scope; null when it rejects
     * nothing (an A1 receipt at the receiver level is about the file, not a claim's status).
     */
    public ReplyOutcome levelAck(LevelAck ack) {
        if (ack.statuses().stream().noneMatch(s -> REJECTING.contains(s.category()))) {
            return null;
        }
        String where = ack.level().words() + (ack.providerId().isEmpty() ? "" : " " + ack.providerQualifier() + " "
                + ack.providerId());
        List<ClaimStatusRecord.Reason> reasons = ack.statuses().stream().map(s -> stcReason(where + " ", s)).toList();
        return ReplyOutcome.of("277CA", ack.level().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " TRN02 " + ack.fileTrace() + (ack.providerId().isEmpty() ? "" : " " + ack.providerId()),
                ClaimStatus.PAYER_REJECTED, null, null, reasons);
    }

    private ClaimStatusRecord.Reason stcReason(String prefix, ClaimAck.Status status) {
        String code = status.category() + ":" + status.code() + (status.entity().isEmpty() ? "" : ":" + status.entity());
        String text = codes.words("stccat", status.category()) + "; " + codes.words("stc", status.code())
                + (status.entity().isEmpty() ? "" : " (" + codes.words("entity", status.entity()) + ")");
        return new ClaimStatusRecord.Reason(prefix + "STC " + code, text);
    }

    public ReplyOutcome claimPayment(Remittance remittance, Remittance.ClaimPayment claim) {
        List<ClaimStatusRecord.Reason> reasons = new ArrayList<>();
        reasons.add(new ClaimStatusRecord.Reason("CLP02 " + claim.statusCode(), codes.words("clp02", claim.statusCode())));
        for (Remittance.Adjustment adjustment : claim.allAdjustments()) {
            if (leftUnpaid(adjustment)) {
                reasons.add(new ClaimStatusRecord.Reason("CAS " + adjustment.group() + "-" + adjustment.reason(),
                        codes.words("casgroup", adjustment.group()) + ": " + codes.words("carc", adjustment.reason())
                                + " (" + adjustment.amount().toPlainString() + ")"));
            }
        }
        List<ClaimStatusRecord.Reason> remarks = claim.remarks().stream().map(this::remark).toList();
        reasons.addAll(remarks);
        boolean forwarded = forwarded(claim);
        if (forwarded) {
            reasons.add(new ClaimStatusRecord.Reason("forwarded", "the payer forwarded the claim to the next payer itself:"
                    + " the hub does not bill the next payer for it"));
        }
        remittance.dateProblems().forEach(problem -> reasons.add(new ClaimStatusRecord.Reason("date", problem
                + ": the payment date is left empty")));
        claim.dateProblems().forEach(problem -> reasons.add(new ClaimStatusRecord.Reason("date", problem)));
        List<ClaimStatusRecord.Adjustment> adjustments = claim.adjustments().stream().map(this::adjustment).toList();
        List<ClaimStatusRecord.Line> lines = claim.lines().stream().map(line -> new ClaimStatusRecord.Line(
                line.lineControlNumber(), line.procedure(), line.charge(), line.paid(),
                line.adjustments().stream().map(this::adjustment).toList(), line.allowed(), line.patientResponsibility(),
                line.remarks().stream().map(this::remark).toList())).toList();
        return new ReplyOutcome("835", "TRN02 " + remittance.checkNumber() + " CLP01 " + claim.clm01(), status(claim),
                claim.payerClaimNumber(), claim.charge(), claim.paid(), claim.patientResponsibility(),
                remittance.checkNumber(), remittance.paymentDate() == null ? null : remittance.paymentDate().toString(),
                reasons, adjustments, lines, claim.statusCode(), claim.allowed(), remarks, forwarded);
    }

    /**
     * The claim's status from what the 835 means (docs/remittances.md, "Statuses"): CLP02 4 denied, 22
     * reversed; processed (1, 2, 3 and 19, 20, 21 forwarded) is PAID when every amount the payer did not
     * pay is explained by a reason that leaves nothing to collect from it (contract or pricing
     * reductions, the patient's share, an earlier payer's payment); when some amount is left unpaid for
     * a denial reason (or a reason the hub does not know, or not explained at all) it is PARTIALLY_PAID,
     * or DENIED when the payer paid nothing. 23 (not our claim), 25 (predetermination) and unknown
     * codes change nothing: they are recorded with their words.
     */
    ClaimStatus status(Remittance.ClaimPayment claim) {
        switch (claim.statusCode()) {
            case "4":
                return ClaimStatus.DENIED;
            case "22":
                return ClaimStatus.REVERSED;
            case "1", "2", "3", "19", "20", "21":
                break;
            default:
                return null;
        }
        BigDecimal unpaid = BigDecimal.ZERO;
        BigDecimal explained = claim.paid();
        BigDecimal patient = BigDecimal.ZERO;
        for (Remittance.Adjustment adjustment : claim.allAdjustments()) {
            if (adjustment.group().equals("PR")) {
                patient = patient.add(adjustment.amount());
            } else {
                explained = explained.add(adjustment.amount());
            }
            if (leftUnpaid(adjustment)) {
                unpaid = unpaid.add(adjustment.amount());
            }
        }
        explained = explained.add(patient.max(claim.patientResponsibility()));
        if (claim.charge() != null && claim.charge().compareTo(explained) > 0) {
            unpaid = unpaid.add(claim.charge().subtract(explained));
        }
        if (unpaid.signum() <= 0) {
            return ClaimStatus.PAID;
        }
        return claim.paid().signum() > 0 ? ClaimStatus.PARTIALLY_PAID : ClaimStatus.DENIED;
    }

    /** An adjustment that takes money the payer could have paid: a denial reason, or one the hub cannot read. */
    private boolean leftUnpaid(Remittance.Adjustment adjustment) {
        if (adjustment.group().equals("PR") || adjustment.amount().signum() <= 0) {
            return false;
        }
        return codes.meaning("carc", adjustment.reason()).map(m -> m == ReplyCodes.Meaning.DENIAL).orElse(true);
    }

    private boolean forwarded(Remittance.ClaimPayment claim) {
        if (FORWARDED.contains(claim.statusCode())) {
            return true;
        }
        return claim.remarks().stream().anyMatch(code -> codes.meaning("rarc", code)
                .map(m -> m == ReplyCodes.Meaning.FORWARDED).orElse(false));
    }

    private ClaimStatusRecord.Reason remark(String code) {
        return new ClaimStatusRecord.Reason("RARC " + code, codes.words("rarc", code));
    }

    private ClaimStatusRecord.Adjustment adjustment(Remittance.Adjustment adjustment) {
        return new ClaimStatusRecord.Adjustment(adjustment.group(), codes.words("casgroup", adjustment.group()),
                adjustment.reason(), codes.words("carc", adjustment.reason()), adjustment.amount());
    }

    private static ReplyOutcome outcome(String kind, String controlNumbers, ClaimStatus status,
                                        List<ClaimStatusRecord.Reason> reasons) {
        return ReplyOutcome.of(kind, controlNumbers, status, null, null, reasons);
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
