package io.claimshub.claim;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One professional claim as the hub understands it, independent of where it came from (HL7 DFT^P03
 * or a canonical JSON file) and of how it is written (837P). Immutable; the edits read it, the 837P
 * writer writes it, the ledger stores it as JSON.
 *
 * @param patientControlNumber CLM01: PID-18 account number, else PV1-19 visit number
 * @param totalCharge          CLM02: the sum of the lines' charges (the edits check that it adds up)
 * @param frequencyCode        CLM05-3: 1 original, 7 replacement, 8 void
 * @param originalPayerClaimNumber REF*F8, required for frequency 7 and 8
 * @param placeOfService       CLM05-1; null means the clinic's default
 * @param priorAuthorization   REF*G1, optional
 * @param onsetDate            DTP*431, optional
 * @param patient              the patient (PID)
 * @param coverages            insurances in IN1 order; the first is the primary, the one billed
 * @param diagnoses            HI codes in order: first is the principal (ABK)
 * @param lines                billable service lines (FT1 type CG)
 * @param otherTransactions    credits, payments and adjustments (FT1 CR/PY/AJ): kept, never billed
 * @param otherPayers          earlier payers' adjudication, in order, when this claim bills a secondary
 *                             (one) or tertiary (two) payer; empty for a claim to the primary payer
 * @param referringProvider    2310A, PV1-8 referring doctor; left out of the canonical JSON when empty
 */
public record Claim(
        String patientControlNumber,
        BigDecimal totalCharge,
        String frequencyCode,
        String originalPayerClaimNumber,
        String placeOfService,
        String priorAuthorization,
        LocalDate onsetDate,
        Person patient,
        List<Coverage> coverages,
        List<Diagnosis> diagnoses,
        List<ServiceLine> lines,
        List<FinancialTransaction> otherTransactions,
        // Left out of the JSON when empty: a primary claim's canonical JSON, and so its content hash, stay as before.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<OtherPayer> otherPayers,
        @JsonInclude(JsonInclude.Include.NON_NULL) Provider referringProvider) {

    public Claim {
        coverages = coverages == null ? List.of() : List.copyOf(coverages);
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        lines = lines == null ? List.of() : List.copyOf(lines);
        otherTransactions = otherTransactions == null ? List.of() : List.copyOf(otherTransactions);
        otherPayers = otherPayers == null ? List.of() : List.copyOf(otherPayers);
    }

    /** A claim to the primary payer (no earlier payer). */
    public Claim(String patientControlNumber, BigDecimal totalCharge, String frequencyCode,
                 String originalPayerClaimNumber, String placeOfService, String priorAuthorization, LocalDate onsetDate,
                 Person patient, List<Coverage> coverages, List<Diagnosis> diagnoses, List<ServiceLine> lines,
                 List<FinancialTransaction> otherTransactions) {
        this(patientControlNumber, totalCharge, frequencyCode, originalPayerClaimNumber, placeOfService,
                priorAuthorization, onsetDate, patient, coverages, diagnoses, lines, otherTransactions, List.of(), null);
    }

    /** A claim after earlier payers, without a referring provider. */
    public Claim(String patientControlNumber, BigDecimal totalCharge, String frequencyCode,
                 String originalPayerClaimNumber, String placeOfService, String priorAuthorization, LocalDate onsetDate,
                 Person patient, List<Coverage> coverages, List<Diagnosis> diagnoses, List<ServiceLine> lines,
                 List<FinancialTransaction> otherTransactions, List<OtherPayer> otherPayers) {
        this(patientControlNumber, totalCharge, frequencyCode, originalPayerClaimNumber, placeOfService,
                priorAuthorization, onsetDate, patient, coverages, diagnoses, lines, otherTransactions, otherPayers, null);
    }

    /** A claim to the primary payer with a referring provider (2310A). */
    public Claim(String patientControlNumber, BigDecimal totalCharge, String frequencyCode,
                 String originalPayerClaimNumber, String placeOfService, String priorAuthorization, LocalDate onsetDate,
                 Person patient, List<Coverage> coverages, List<Diagnosis> diagnoses, List<ServiceLine> lines,
                 List<FinancialTransaction> otherTransactions, Provider referringProvider) {
        this(patientControlNumber, totalCharge, frequencyCode, originalPayerClaimNumber, placeOfService,
                priorAuthorization, onsetDate, patient, coverages, diagnoses, lines, otherTransactions, List.of(),
                referringProvider);
    }

    /** SBR01 of the payer this claim bills: P, or S / T after one / two earlier payers. */
    public String payerResponsibility() {
        return switch (otherPayers.size()) {
            case 0 -> "P";
            case 1 -> "S";
            default -> "T";
        };
    }

    /** The coverage this claim is billed to (the first IN1), or null when the message had none. */
    public Coverage primaryCoverage() {
        return coverages.isEmpty() ? null : coverages.get(0);
    }

    /** The sum of the lines' charges: what CLM02 must equal. */
    public BigDecimal lineChargeTotal() {
        BigDecimal total = BigDecimal.ZERO;
        for (ServiceLine line : lines) {
            if (line.chargeAmount() != null) {
                total = total.add(line.chargeAmount());
            }
        }
        return total;
    }
}
