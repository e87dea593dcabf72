package io.claimshub.claim;

import io.claimshub.codesets.CodeSets;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The front-end edits a clearinghouse runs before a claim is accepted, run here before any X12 is
 * written. Returns every problem at once, each as a {@link Reason} a billing clerk can act on; never
 * throws for bad data. Thread-safe.
 */
public final class ClaimEdits {

    static final int MAX_CLM01 = 20;
    private static final Set<String> FREQUENCIES = Set.of("1", "7", "8");
    /** The X12 defaults ({@code * : ^ ~}), checked when the claim names no configured payer. */
    private static final String DEFAULT_DELIMITERS = "*:^~";

    private final Clock clock;
    private final Supplier<CodeSets> codeSets;

    /** Edits with the code sets shipped with the hub only (place of service); other codes by shape. */
    public ClaimEdits(Clock clock) {
        this(clock, CodeSets::shippedOnly);
    }

    /** @param codeSets the current code sets, asked once per claim (a reload takes effect on the next claim) */
    public ClaimEdits(Clock clock, Supplier<CodeSets> codeSets) {
        this.clock = clock;
        this.codeSets = codeSets;
    }

    public List<Reason> check(Claim claim, EditContext context) {
        Findings findings = new Findings(LocalDate.now(clock));
        CodeSets sets = codeSets.get();
        EditContext.Payer payer = context.payer();
        claimHeader(claim, context.billingProvider(), sets, findings);
        LineEdits.check(claim, findings);
        DiagnosisEdits.check(claim, findings);
        CodeSetEdits.check(claim, sets, findings);
        PartyEdits.billingProvider(context.billingProvider(), findings);
        PartyEdits.coverage(claim, payer != null, findings);
        PartyEdits.patient(claim, findings);
        IdentifierEdits.check(claim, payer == null ? DEFAULT_DELIMITERS : payer.delimiters(), findings);
        DateEdits.check(claim, payer == null ? 0 : payer.timelyFilingDays(), payer == null ? "" : payer.name(), findings);
        ProviderEdits.check(claim, findings);
        LengthEdits.check(claim, findings);
        return findings.reasons();
    }

    private static void claimHeader(Claim claim, EditContext.BillingProvider clinic, CodeSets sets, Findings findings) {
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
        } else if (!sets.placeOfService(placeOfService)) {
            findings.add("claim", "PLACE_OF_SERVICE", "place of service '" + placeOfService + "' (PV1-3, else the clinic's"
                    + " placeOfService) is not on the CMS place-of-service list (it is unassigned)");
        }
        findings.dateNotInFuture("claim", "ONSET_DATE", claim.onsetDate(), "onset date", false);
    }
}
