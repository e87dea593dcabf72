package io.claimshub.x12;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.OtherPayer;
import io.claimshub.claim.ServiceLine;
import io.xlate.edi.stream.EDIStreamException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The coordination-of-benefits loops of an 837P to a secondary or tertiary payer (005010X222A1): per
 * earlier payer, 2320 (SBR, CAS per group, AMT*D paid, AMT*EAF remaining patient liability, OI),
 * 2330A (its subscriber) and 2330B (the payer, DTP*573, REF*F8 its claim number), and per service line
 * 2430 (SVD, CAS, DTP*573). Kept apart from {@link Claim837Writer}, which calls it at the two places
 * the guide puts these loops.
 */
final class OtherPayerLoops {

    /** CAS01 … CAS19: at most six reason / amount / quantity triples per segment. */
    private static final int TRIPLES_PER_CAS = 6;

    private OtherPayerLoops() {
    }

    /** 2320, 2330A and 2330B for each earlier payer; written after the 2310 loops of the claim. */
    static void writeClaimLoops(SegmentWriter segments, Claim claim) throws EDIStreamException {
        for (OtherPayer payer : claim.otherPayers()) {
            Coverage coverage = payer.coverage();
            segments.segment("SBR", payer.responsibility(), Objects.requireNonNullElse(coverage.relationshipCode(),
                    Coverage.SELF), coverage.groupNumber(), "", "", "", "", "", payer.claimFilingIndicator());
            writeCas(segments, payer.adjustments());
            segments.segment("AMT", "D", X12Text.amount(payer.paid()));
            if (payer.remainingPatientLiability() != null && payer.remainingPatientLiability().signum() != 0) {
                segments.segment("AMT", "EAF", X12Text.amount(payer.remainingPatientLiability()));
            }
            segments.segment("OI", "", "", "Y", "", "", "Y");
            segments.segment("NM1", "IL", "1", coverage.insured().lastName(), coverage.insured().firstName(),
                    coverage.insured().middleName(), "", "", "MI", coverage.memberId());
            segments.segment("NM1", "PR", "2", payer.payerName(), "", "", "", "", "PI", payer.payerId());
            // The guide asks for the claim-level adjudication date only when no line carries its own (2430 DTP*573).
            if (payer.lines().isEmpty() && payer.adjudicationDate() != null) {
                segments.segment("DTP", "573", "D8", X12Text.date(payer.adjudicationDate()));
            }
            if (payer.payerClaimNumber() != null && !payer.payerClaimNumber().isBlank()) {
                segments.segment("REF", "F8", payer.payerClaimNumber());
            }
        }
    }

    /** 2430 for the line from each earlier payer that adjudicated it; written at the end of the line's 2400. */
    static void writeLineLoops(SegmentWriter segments, Claim claim, ServiceLine line) throws EDIStreamException {
        for (OtherPayer payer : claim.otherPayers()) {
            for (OtherPayer.LineAdjudication adjudication : payer.lines()) {
                if (!adjudication.lineControlNumber().equals(line.lineControlNumber())) {
                    continue;
                }
                List<String> procedure = new ArrayList<>();
                procedure.add("HC");
                procedure.add(line.procedureCode());
                procedure.addAll(line.modifiers());
                segments.segment("SVD", payer.payerId(), X12Text.amount(adjudication.paid()),
                        procedure.toArray(String[]::new), "", X12Text.amount(line.units()));
                writeCas(segments, adjudication.adjustments());
                if (payer.adjudicationDate() != null) {
                    segments.segment("DTP", "573", "D8", X12Text.date(payer.adjudicationDate()));
                }
            }
        }
    }

    /** One CAS per group (CO, PR, OA, PI, CR) in the order the groups first appear, six triples a segment. */
    private static void writeCas(SegmentWriter segments, List<OtherPayer.Adjustment> adjustments) throws EDIStreamException {
        Map<String, List<OtherPayer.Adjustment>> byGroup = new LinkedHashMap<>();
        adjustments.forEach(a -> byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a));
        for (Map.Entry<String, List<OtherPayer.Adjustment>> group : byGroup.entrySet()) {
            List<OtherPayer.Adjustment> all = group.getValue();
            for (int from = 0; from < all.size(); from += TRIPLES_PER_CAS) {
                List<Object> elements = new ArrayList<>();
                elements.add(group.getKey());
                for (OtherPayer.Adjustment adjustment : all.subList(from, Math.min(all.size(), from + TRIPLES_PER_CAS))) {
                    elements.add(adjustment.reason());
                    elements.add(X12Text.amount(adjustment.amount()));
                    elements.add("");
                }
                segments.segment("CAS", elements.toArray());
            }
        }
    }
}
