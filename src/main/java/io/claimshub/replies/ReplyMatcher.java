package io.claimshub.replies;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.ledger.ReplyLedger.SentClaim;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.x12.replies.ClaimAck;
import io.claimshub.x12.replies.ImplementationAck;
import io.claimshub.x12.replies.InterchangeAck;
import io.claimshub.x12.replies.LevelAck;
import io.claimshub.x12.replies.Remittance;
import io.claimshub.x12.replies.RemittanceCopyWriter;
import io.claimshub.x12.replies.ReplyFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the claims each reply in a file is about, among the claims sent to that payer only:
 * TA1 by ISA13, 999 by AK1-2 (= GS06 = ISA13 in the hub's files) and AK2-2 (= ST02), 277CA by TRN-2 and
 * 835 by CLP01 (both = CLM01). Two clinics may use the same CLM01: then the billing provider (277CA
 * 2000C NM1*85) or payee (835 N1*PE, REF*TJ) NPI or tax id decides, and among one clinic's claims the
 * latest sent wins. A 277CA rejection above the claims (2200B, 2200C) is about every claim of the 837
 * whose BHT03 (= its ISA13 in the hub's files) is the 2200B TRN02, at 2200C only the named provider's.
 * A reply that matches nothing, or cannot be told apart, is returned as unmatched; so is a PLB whose
 * provider is no clinic's.
 */
public final class ReplyMatcher {

    private final PartnerConfig partners;
    private final ReplyLedger ledger;
    private final ReplyOutcomeMapper outcomes;

    public ReplyMatcher(PartnerConfig partners, ReplyLedger ledger, ReplyOutcomeMapper outcomes) {
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

    /**
     * @param shares what each clinic gets of the file's 835s: the claims it sent, the claims the hub did not
     *               send whose payee (N1*PE) it is, and the PLB adjustments of its NPI or tax id (PLB01)
     */
    public record Result(List<Match> matches, List<Unmatched> unmatched, Map<String, RemittanceCopyWriter.Share> shares) {
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
        for (LevelAck ack : file.levelAcks()) {
            ReplyOutcome outcome = outcomes.levelAck(ack);
            if (outcome == null) {
                continue;
            }
            List<SentClaim> claims = inInterchange(payerId, ack.fileTrace()).stream()
                    .filter(c -> ack.providerId().isEmpty() || isProvider(c.clinicId(),
                            ack.providerQualifier().equals("XX") ? ack.providerId() : "",
                            ack.providerQualifier().equals("FI") ? ack.providerId() : "")).toList();
            if (claims.isEmpty()) {
                unmatched.add(new Unmatched("277CA", ack.level().words() + " TRN02 " + ack.fileTrace()
                        + (ack.providerId().isEmpty() ? "" : " " + ack.providerQualifier() + " " + ack.providerId()),
                        "a rejection at the " + ack.level().words() + " level, but no 837 with BHT03 " + ack.fileTrace()
                                + (ack.providerId().isEmpty() ? "" : " holding claims of that provider")
                                + " was sent to payer " + payerId));
            }
            claims.forEach(claim -> matches.add(new Match(claim, outcome, null)));
        }
        Map<String, Set<RemittanceCopyWriter.Kept>> claimsByClinic = new LinkedHashMap<>();
        Map<String, Set<RemittanceCopyWriter.Kept>> adjustmentsByClinic = new LinkedHashMap<>();
        for (int r = 0; r < file.remittances().size(); r++) {
            Remittance remittance = file.remittances().get(r);
            Optional<String> payee = clinicOf(remittance.payeeNpi(), remittance.payeeTaxId());
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < remittance.claims().size(); c++) {
                Remittance.ClaimPayment payment = remittance.claims().get(c);
                Optional<SentClaim> claim = byClm01(payerId, payment.clm01(), remittance.payeeNpi(), remittance.payeeTaxId(),
                        "835", unmatched);
                RemittanceCopyWriter.Kept kept = new RemittanceCopyWriter.Kept(r, c);
                // A reversal and its correction have the same CLM01 in one set: each is its own reply.
                int occurrence = seen.merge(payment.clm01(), 1, Integer::sum);
                if (claim.isPresent()) {
                    ReplyOutcome outcome = outcomes.claimPayment(remittance, payment);
                    if (occurrence > 1) {
                        outcome = outcome.withControlNumbers(outcome.controlNumbers() + " #" + occurrence);
                    }
                    matches.add(new Match(claim.get(), outcome, kept));
                }
                Optional<String> clinic = claim.map(SentClaim::clinicId).or(() -> payee);
                clinic.ifPresent(id -> claimsByClinic.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(kept));
            }
            for (Remittance.ProviderAdjustment plb : remittance.providerAdjustments()) {
                Optional<String> clinic = clinicOf(plb.providerId(), plb.providerId());
                if (clinic.isPresent()) {
                    adjustmentsByClinic.computeIfAbsent(clinic.get(), k -> new LinkedHashSet<>())
                            .add(new RemittanceCopyWriter.Kept(r, plb.segment()));
                } else {
                    unmatched.add(new Unmatched("PLB", "PLB01 " + plb.providerId(), "provider-level adjustment "
                            + plb.reasonCode() + (plb.reference().isEmpty() ? "" : ":" + plb.reference()) + " "
                            + plb.amount().toPlainString() + " in check/EFT " + remittance.checkNumber()
                            + " is for provider " + plb.providerId() + ", which is no clinic's NPI or tax id"));
                }
            }
        }
        Map<String, RemittanceCopyWriter.Share> shares = new LinkedHashMap<>();
        Set<String> clinics = new LinkedHashSet<>(claimsByClinic.keySet());
        clinics.addAll(adjustmentsByClinic.keySet());
        for (String clinic : clinics) {
            shares.put(clinic, new RemittanceCopyWriter.Share(claimsByClinic.getOrDefault(clinic, Set.of()),
                    adjustmentsByClinic.getOrDefault(clinic, Set.of())));
        }
        return new Result(matches, unmatched, shares);
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

    /** The clinic with this NPI or tax id, if exactly one has it. */
    private Optional<String> clinicOf(String npi, String taxId) {
        List<String> ids = partners.clinics().stream().filter(c -> isProvider(c.id(), npi, taxId)).map(ClinicConfig::id).toList();
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
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
