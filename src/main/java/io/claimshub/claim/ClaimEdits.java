package io.claimshub.claim;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The front-end edits a clearinghouse runs before a claim is accepted, run here before any X12 is
 * written. Returns every problem at once, each as a {@link Reason} a billing clerk can act on; never
 * throws for bad data. Thread-safe.
 */
public final class ClaimEdits {

    static final int MAX_CLM01 = 20;
    private static final Set<String> FREQUENCIES = Set.of("1", "7", "8");

    private final Clock clock;

    public ClaimEdits(Clock clock) {
        this.clock = clock;
    }

    public List<Reason> check(Claim claim, ClinicConfig clinic, PartnerConfig partners) {
        Findings findings = new Findings(LocalDate.now(clock));
        claimHeader(claim, clinic, findings);
        LineEdits.check(claim, findings);
        DiagnosisEdits.check(claim, findings);
        PartyEdits.billingProvider(clinic, findings);
        PartyEdits.coverage(claim, partners, findings);
        PartyEdits.patient(claim, findings);
        LengthEdits.check(claim, findings);
        return findings.reasons();
    }

    private static void claimHeader(Claim claim, ClinicConfig clinic, Findings findings) {
        String clm01 = claim.patientControlNumber();
        if (Findings.blank(clm01)) {
            findings.add("claim", "CLM01_MISSING", "patient control number is missing: fill PID-18 (account number) or PV1-19 (visit number)");
        } else if (clm01.length() > MAX_CLM01) {
            findings.add("claim", "CLM01_TOO_LONG", "patient control number " + clm01 + " has " + clm01.length()
                    + " characters; at most " + MAX_CLM01 + " fit in CLM01");
        }
        BigDecimal total = claim.totalCharge();
        LineEdits.amount(total, "claim", "TOTAL_CHARGE", "total charge", findings);
        if (total != null && total.compareTo(claim.lineChargeTotal()) != 0) {
            findings.add("claim", "TOTAL_MISMATCH", "total charge " + total.toPlainString()
                    + " does not equal the sum of the line charges " + claim.lineChargeTotal().toPlainString());
        }
        String frequency = claim.frequencyCode() == null ? "1" : claim.frequencyCode();
        if (!FREQUENCIES.contains(frequency)) {
            findings.add("claim", "FREQUENCY", "claim frequency " + frequency + " must be 1 (original), 7 (replacement) or 8 (void)");
        } else if (!frequency.equals("1") && Findings.blank(claim.originalPayerClaimNumber())) {
            findings.add("claim", "ORIGINAL_CLAIM_NUMBER", "a replacement or void (frequency " + frequency
                    + ") needs the payer's original claim number");
        }
        String placeOfService = claim.placeOfService() != null ? claim.placeOfService() : clinic.placeOfService();
        if (!CodeFormats.placeOfService(placeOfService)) {
            findings.add("claim", "PLACE_OF_SERVICE", "place of service '" + placeOfService + "' must be a 2-digit CMS code");
        }
        findings.dateNotInFuture("claim", "ONSET_DATE", claim.onsetDate(), "onset date", false);
    }
}
