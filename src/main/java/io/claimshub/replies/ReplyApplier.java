package io.claimshub.replies;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.x12.replies.Remittance;
import io.claimshub.x12.replies.RemittanceCopyWriter;
import io.claimshub.x12.replies.ReplyFile;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a read reply file to the claims it is about: finds them ({@link ReplyMatcher}), records each
 * clinic's share of each 835 payment with its PLB lines, records what each reply means for its claim in
 * the ledger (a claim never moves backwards), tells the listeners, and after an 835 hands each paid claim
 * to secondary billing. Each part is applied once per file, so applying a file again changes nothing.
 */
public final class ReplyApplier {

    private final ReplyLedger ledger;
    private final ReplyMatcher matcher;
    private final ReplyCodes codes;
    private final ObjectMapper json = new ObjectMapper();
    private volatile ReplyEvents events = ReplyEvents.NONE;
    private volatile SecondaryBilling secondaryBilling;

    public ReplyApplier(ReplyLedger ledger, ReplyMatcher matcher, ReplyCodes codes) {
        this.ledger = ledger;
        this.matcher = matcher;
        this.codes = codes;
    }

    /** Who hears of each reply applied to a claim (metrics). */
    public void listen(ReplyEvents listener) {
        this.events = listener;
    }

    /** Who bills the patient's next payer after an 835 (docs/remittances.md, "Secondary claims"); none by default. */
    public void billNextPayersWith(SecondaryBilling billing) {
        this.secondaryBilling = billing;
    }

    public AppliedReply apply(StoredReply reply, ReplyFile file) throws IOException {
        String payerId = reply.payerId();
        ReplyMatcher.Result result = matcher.match(payerId, file);
        Map<String, Map<Integer, ClaimStatusRecord.RemittanceShare>> remittances = recordRemittances(payerId,
                reply.fileId(), file, result.shares());
        Map<String, List<ClaimStatusRecord>> byClinic = new LinkedHashMap<>();
        String replyFileName = reply.path().getFileName().toString();
        for (ReplyMatcher.Match match : result.matches()) {
            ClaimStatusRecord.RemittanceShare share = match.kept() == null ? null : remittances
                    .getOrDefault(match.claim().clinicId(), Map.of()).get(match.kept().remittance());
            String detail = json.writeValueAsString(new ReplyDetail(match.outcome(), share));
            ReplyLedger.Applied applied = ledger.apply(match.claim().id(), reply.fileId(), replyFileName,
                    match.outcome().toLedger(detail));
            ClaimStatusRecord status = status(payerId, replyFileName, match, applied, share);
            byClinic.computeIfAbsent(match.claim().clinicId(), k -> new ArrayList<>()).add(status);
            events.applied(status);
        }
        SecondaryBilling billing = secondaryBilling;
        if (billing != null) {
            for (ReplyMatcher.Match match : result.matches()) {
                if (match.kept() != null) {
                    Remittance remittance = file.remittances().get(match.kept().remittance());
                    billing.afterPayment(match.claim().id(), match.claim().clinicId(), payerId, remittance,
                            remittance.claims().get(match.kept().index()), match.outcome().forwarded());
                }
            }
        }
        return new AppliedReply(reply, file, byClinic, result.shares(), result.unmatched());
    }

    /**
     * Each clinic's share of each 835 set, recorded in the ledger with its PLB lines, and PLB lines of no
     * clinic recorded apart; returns the shares by clinic and remittance index.
     */
    private Map<String, Map<Integer, ClaimStatusRecord.RemittanceShare>> recordRemittances(String payerId, long fileId,
            ReplyFile file, Map<String, RemittanceCopyWriter.Share> shares) {
        Map<String, Map<Integer, ClaimStatusRecord.RemittanceShare>> byClinic = new LinkedHashMap<>();
        for (int r = 0; r < file.remittances().size(); r++) {
            Remittance remittance = file.remittances().get(r);
            String paymentDate = remittance.paymentDate() == null ? null : remittance.paymentDate().toString();
            Set<Integer> claimed = new HashSet<>();
            for (Map.Entry<String, RemittanceCopyWriter.Share> entry : shares.entrySet()) {
                RemittanceCopyWriter.Share share = entry.getValue();
                int index = r;
                boolean hasClaims = share.claims().stream().anyMatch(k -> k.remittance() == index);
                List<Remittance.ProviderAdjustment> plbs = remittance.providerAdjustments().stream()
                        .filter(p -> share.providerAdjustments().contains(new RemittanceCopyWriter.Kept(index, p.segment())))
                        .toList();
                if (!hasClaims && plbs.isEmpty()) {
                    continue;
                }
                plbs.forEach(p -> claimed.add(p.segment()));
                BigDecimal amount = share.amount(file, r);
                ledger.recordRemittance(new ReplyLedger.RemittanceShare(fileId, payerId, entry.getKey(),
                        remittance.transactionControlNumber(), remittance.checkNumber(),
                        paymentDate == null ? null : paymentDate.replace("-", ""), amount, rows(plbs)));
                byClinic.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>()).put(r,
                        new ClaimStatusRecord.RemittanceShare(remittance.checkNumber(), paymentDate, amount,
                                plbs.stream().map(p -> new ClaimStatusRecord.ProviderAdjustment(p.providerId(), p.reasonCode(),
                                        codes.words("plb", p.reasonCode()), p.reference(), p.amount())).toList()));
            }
            List<Remittance.ProviderAdjustment> unknown = remittance.providerAdjustments().stream()
                    .filter(p -> !claimed.contains(p.segment())).toList();
            if (!unknown.isEmpty()) {
                ledger.recordUnknownProviderAdjustments(fileId, payerId, remittance.transactionControlNumber(), rows(unknown));
            }
        }
        return byClinic;
    }

    private static List<ReplyLedger.ProviderAdjustmentRow> rows(List<Remittance.ProviderAdjustment> adjustments) {
        return adjustments.stream().map(p -> new ReplyLedger.ProviderAdjustmentRow(p.providerId(), p.fiscalPeriodDate(),
                p.reasonCode(), p.reference(), p.amount())).toList();
    }

    private static ClaimStatusRecord status(String payerId, String replyFileName, ReplyMatcher.Match match,
                                           ReplyLedger.Applied applied, ClaimStatusRecord.RemittanceShare share) {
        ReplyOutcome outcome = match.outcome();
        return new ClaimStatusRecord(match.claim().id(), match.claim().clinicId(), match.claim().clm01(), payerId,
                outcome.kind(), replyFileName, outcome.controlNumbers(),
                outcome.status() == null ? "" : outcome.status().display(), applied.after().display(), applied.applied(),
                blankToNull(outcome.payerClaimNumber()) == null ? match.claim().payerClaimNumber() : outcome.payerClaimNumber(),
                outcome.charge() == null ? match.claim().totalCharge() : outcome.charge(), outcome.paid(),
                outcome.patientResponsibility(), outcome.checkNumber(), outcome.paymentDate(), outcome.reasons(),
                outcome.adjustments(), outcome.lines(), outcome.claimStatusCode(), outcome.allowed(), outcome.remarks(), share);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
