package io.claimshub.replies;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.ledger.ReplyLedger.SentClaim;
import io.claimshub.x12.replies.ClaimAck;
import io.claimshub.x12.replies.ImplementationAck;
import io.claimshub.x12.replies.InterchangeAck;
import io.claimshub.x12.replies.Remittance;
import io.claimshub.x12.replies.RemittanceCopyWriter;
import io.claimshub.x12.replies.ReplyFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the claims each reply in a file is about, among the claims sent to that payer only:
 * TA1 by ISA13, 999 by AK1-2 (= GS06 = ISA13 in the hub's files) and AK2-2 (= ST02), 277CA by TRN-2 and
 * 835 by CLP01 (both = CLM01). Two clinics may use the same CLM01: then the billing provider (277CA
 * 2000C NM1*85) or payee (835 N1*PE, REF*TJ) NPI or tax id decides, and among one clinic's claims the
 * latest sent wins. A reply that matches nothing, or cannot be told apart, is returned as unmatched.
 */
public final class ReplyMatcher {

    private final PartnerConfig partners;
    private final ReplyLedger ledger;
    private final ReplyOutcomes outcomes;

    public ReplyMatcher(PartnerConfig partners, ReplyLedger ledger, ReplyOutcomes outcomes) {
        this.partners = partners;
        this.ledger = ledger;
        this.outcomes = outcomes;
    }

    /** @param kept for an 835 claim, where it is in the file (to copy it for its clinic), else null */
    public record Match(SentClaim claim, ReplyOutcome outcome, RemittanceCopyWriter.Kept kept) {
    }

    /** @param reference the control numbers or CLM01 that found nothing, for logs and the unmatched area */
    public record Unmatched(String kind, String reference, String detail) {
    }

    public record Result(List<Match> matches, List<Unmatched> unmatched) {
    }

    public Result match(String payerId, ReplyFile file) {
        List<Match> matches = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (InterchangeAck ta1 : file.interchangeAcks()) {
            List<SentClaim> claims = inInterchange(payerId, ta1.interchangeControlNumber());
            ReplyOutcome outcome = outcomes.interchangeAck(ta1);
            if (claims.isEmpty()) {
                unmatched.add(new Unmatched("TA1", "ISA13 " + ta1.interchangeControlNumber(),
                        "no interchange with ISA13 " + ta1.interchangeControlNumber() + " was sent to payer " + payerId));
            }
            claims.forEach(claim -> matches.add(new Match(claim, outcome, null)));
        }
        for (ImplementationAck ack : file.implementationAcks()) {
            List<SentClaim> group = inInterchange(payerId, ack.groupControlNumber());
            if (group.isEmpty()) {
                unmatched.add(new Unmatched("999", "GS06 " + ack.groupControlNumber(),
                        "no functional group with GS06 " + ack.groupControlNumber() + " was sent to payer " + payerId));
                continue;
            }
            if (ack.sets().isEmpty()) {
                ReplyOutcome outcome = outcomes.groupAck(ack);
                group.forEach(claim -> matches.add(new Match(claim, outcome, null)));
            }
            for (ImplementationAck.SetAck set : ack.sets()) {
                List<SentClaim> claims = group.stream().filter(c -> sameNumber(c.st02(), set.controlNumber())).toList();
                if (claims.isEmpty()) {
                    unmatched.add(new Unmatched("999", "GS06 " + ack.groupControlNumber() + " ST02 " + set.controlNumber(),
                            "the group with GS06 " + ack.groupControlNumber() + " has no transaction set " + set.controlNumber()));
                }
                ReplyOutcome outcome = outcomes.setAck(ack, set);
                claims.forEach(claim -> matches.add(new Match(claim, outcome, null)));
            }
        }
        for (ClaimAck ack : file.claimAcks()) {
            Optional<SentClaim> claim = byClm01(payerId, ack.clm01(), ack.providerQualifier().equals("XX") ? ack.providerId() : "",
                    ack.providerQualifier().equals("FI") ? ack.providerId() : "", "277CA", unmatched);
            claim.ifPresent(c -> matches.add(new Match(c, outcomes.claimAck(ack), null)));
        }
        for (int r = 0; r < file.remittances().size(); r++) {
            Remittance remittance = file.remittances().get(r);
            for (int c = 0; c < remittance.claims().size(); c++) {
                Remittance.ClaimPayment payment = remittance.claims().get(c);
                Optional<SentClaim> claim = byClm01(payerId, payment.clm01(), remittance.payeeNpi(), remittance.payeeTaxId(),
                        "835", unmatched);
                RemittanceCopyWriter.Kept kept = new RemittanceCopyWriter.Kept(r, c);
                claim.ifPresent(sent -> matches.add(new Match(sent, outcomes.claimPayment(remittance, payment), kept)));
            }
        }
        return new Result(matches, unmatched);
    }

    private List<SentClaim> inInterchange(String payerId, String controlNumber) {
        try {
            return ledger.claimsInInterchange(payerId, Long.parseLong(controlNumber.trim()));
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    private Optional<SentClaim> byClm01(String payerId, String clm01, String npi, String taxId, String kind,
                                        List<Unmatched> unmatched) {
        List<SentClaim> candidates = ledger.sentClaims(payerId, clm01);
        if (candidates.isEmpty()) {
            unmatched.add(new Unmatched(kind, "CLM01 " + clm01, "no claim with patient control number " + clm01
                    + " was sent to payer " + payerId));
            return Optional.empty();
        }
        Set<String> clinics = candidates.stream().map(SentClaim::clinicId).collect(Collectors.toSet());
        if (clinics.size() > 1) {
            List<SentClaim> ofProvider = candidates.stream().filter(c -> isProvider(c.clinicId(), npi, taxId)).toList();
            Set<String> matching = ofProvider.stream().map(SentClaim::clinicId).collect(Collectors.toSet());
            if (matching.size() != 1) {
                unmatched.add(new Unmatched(kind, "CLM01 " + clm01, "patient control number " + clm01
                        + " was sent to payer " + payerId + " by clinics " + String.join(", ", clinics.stream().sorted().toList())
                        + " and the reply's provider (NPI '" + npi + "', tax id '" + taxId + "') "
                        + (matching.isEmpty() ? "is none of them" : "does not tell them apart")));
                return Optional.empty();
            }
            candidates = ofProvider;
        }
        return Optional.of(candidates.get(0));
    }

    private boolean isProvider(String clinicId, String npi, String taxId) {
        Optional<ClinicConfig> clinic = partners.clinic(clinicId);
        return clinic.isPresent() && ((!npi.isEmpty() && npi.equals(clinic.get().npi()))
                || (!taxId.isEmpty() && taxId.replace("-", "").equals(clinic.get().taxId())));
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Long.parseLong(a.trim()) == Long.parseLong(b.trim());
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }
}
