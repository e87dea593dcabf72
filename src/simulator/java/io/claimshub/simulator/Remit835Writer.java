package io.claimshub.simulator;

import io.claimshub.simulator.Received837.Claim;
import io.claimshub.simulator.Received837.Line;
import io.claimshub.simulator.Received837.Party;
import io.claimshub.simulator.Received837.TransactionSet;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The 835 remittance (005010X221A1) for the claims a 277CA accepted: one ST per 837 transaction set
 * (one payee, the billing provider), BPR with the total paid and BPR16 the payment date, TRN-2 the
 * EFT number, one CLP per claim (CLP07 the payer claim number) and one SVC per line with CAS
 * adjustments and REF*6R = the 837 line item control number. Every claim balances:
 * CLP03 - CLP04 = the sum of its CAS amounts, and BPR02 = the sum of CLP04.
 */
public final class Remit835Writer {

    static final String VERSION = "005010X221A1";

    private final SimulatorRules rules;
    private final String payerName;
    private final String payerId;

    public Remit835Writer(SimulatorRules rules, String payerName, String payerId) {
        this.rules = rules;
        this.payerName = payerName;
        this.payerId = payerId;
    }

    /** The EFT trace number (TRN-2) of the {@code index}th (1-based) payment in a reply file. */
    public static String eftNumber(long controlNumber, int index) {
        return "EFT" + controlNumber + String.format("%03d", index);
    }

    /** @return the file, or null when no claim was accepted */
    public byte[] write(Received837 received, long controlNumber, LocalDateTime created) {
        List<TransactionSet> payable = new ArrayList<>();
        for (Received837.Group group : received.groups()) {
            if (group.errorCodes().isEmpty()) {
                group.sets().stream().filter(TransactionSet::accepted)
                        .filter(set -> set.claims().stream().anyMatch(rules::accepted)).forEach(payable::add);
            }
        }
        if (payable.isEmpty()) {
            return null;
        }
        X12Out out = new X12Out(received.envelope(), controlNumber, created);
        out.startGroup("HP", VERSION);
        int index = 0;
        for (TransactionSet set : payable) {
            writeSet(out, set, eftNumber(controlNumber, ++index));
        }
        out.endGroup();
        return out.finish(1);
    }

    private void writeSet(X12Out out, TransactionSet set, String eft) {
        List<Claim> claims = set.claims().stream().filter(rules::accepted).toList();
        List<ClaimPayment> payments = claims.stream().map(this::pay).toList();
        BigDecimal total = payments.stream().map(ClaimPayment::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
        String date = out.date();
        out.startSet("835", VERSION);
        if (total.signum() > 0) {
            out.segment("BPR", "I", Amounts.format(total), "C", "ACH", "CCP", "01", "011000015", "DA", "1234567890",
                    "1512345678", "", "01", "021000021", "DA", "9876543210", date);
        } else {
            out.segment("BPR", "H", "0", "C", "NON", "", "", "", "", "", "", "", "", "", "", "", date);
        }
        out.segment("TRN", "1", eft, "1512345678");
        out.segment("DTM", "405", date);
        out.segment("N1", "PR", payerName);
        out.segment("N3", "1 PAYER WAY");
        out.segment("N4", "SPRINGFIELD", "IL", "62701");
        out.segment("REF", "2U", payerId);
        out.segment("PER", "BL", "EDI SUPPORT", "TE", "8005550100");
        Party billing = set.billingProvider();
        out.segment("N1", "PE", billing.name(), "XX", billing.id());
        if (!set.billingTaxId().isEmpty()) {
            out.segment("REF", "TJ", set.billingTaxId());
        }
        out.segment("LX", "1");
        for (ClaimPayment payment : payments) {
            writeClaim(out, payment);
        }
        out.endSet();
    }

    private void writeClaim(X12Out out, ClaimPayment payment) {
        Claim claim = payment.claim();
        Party subscriber = Objects.requireNonNullElse(claim.subscriber(), new Party("", "", ""));
        out.segment("CLP", claim.id(), payment.denied() ? "4" : claimStatus(claim), Amounts.format(payment.charge()),
                Amounts.format(payment.paid()), Amounts.format(payment.patientResponsibility()), "CI",
                SimulatorRules.payerClaimNumber(claim.id()));
        out.segment("NM1", "QC", "1", subscriber.name(), subscriber.firstName(), "", "", "", "MI", subscriber.id());
        for (LinePayment line : payment.lines()) {
            Line source = line.line();
            out.segment("SVC", source.procedure().toArray(String[]::new), Amounts.format(line.charge()),
                    Amounts.format(line.paid()), "", source.units() == null || source.units().isEmpty() ? "1" : source.units());
            if (source.serviceDate() != null) {
                out.segment("DTM", "472", source.serviceDate());
            }
            if (payment.denied()) {
                out.segment("CAS", "CO", rules.denyReason(), Amounts.format(line.charge()));
            } else {
                if (line.contractual().signum() != 0) {
                    out.segment("CAS", "CO", "45", Amounts.format(line.contractual()));
                }
                if (line.coinsurance().signum() != 0) {
                    out.segment("CAS", "PR", "2", Amounts.format(line.coinsurance()));
                }
                if (line.priorPayer().signum() != 0) {
                    out.segment("CAS", "OA", "23", Amounts.format(line.priorPayer()));
                }
            }
            out.segment("REF", "6R", source.controlNumber());
            if (!payment.denied() && !claim.coordinated()) {
                out.segment("AMT", "B6", Amounts.format(line.paid().add(line.coinsurance())));
            }
        }
    }

    /** CLP02: 1 processed as primary, or 2 / 3 for a claim billed as secondary / tertiary (SBR01 S / T). */
    private static String claimStatus(Claim claim) {
        return switch (claim.payerResponsibility()) {
            case "S" -> "2";
            case "T" -> "3";
            default -> "1";
        };
    }

    ClaimPayment pay(Claim claim) {
        boolean denied = rules.denied(claim);
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        List<LinePayment> lines = new ArrayList<>();
        // A secondary or tertiary payer pays what the earlier payers left to the patient (2320 AMT*EAF), line by
        // line in order; the rest of each line is the earlier payers' doing (CAS OA-23).
        BigDecimal left = Amounts.cents(Objects.requireNonNullElse(claim.remainingPatientLiability(), BigDecimal.ZERO));
        for (Line line : claim.lines()) {
            BigDecimal charge = Amounts.cents(Objects.requireNonNullElse(line.charge(), BigDecimal.ZERO));
            if (denied) {
                lines.add(new LinePayment(line, charge, zero, zero, charge, zero));
                continue;
            }
            if (claim.coordinated()) {
                BigDecimal open = charge.subtract(Amounts.cents(Objects.requireNonNullElse(line.priorPaid(), BigDecimal.ZERO)));
                BigDecimal paid = left.min(open).max(BigDecimal.ZERO);
                left = left.subtract(paid);
                lines.add(new LinePayment(line, charge, paid, zero, zero, charge.subtract(paid)));
                continue;
            }
            BigDecimal paid = Amounts.cents(charge.multiply(rules.paidShare())).min(charge);
            BigDecimal coinsurance = Amounts.cents(charge.multiply(rules.coinsuranceShare())).min(charge.subtract(paid));
            lines.add(new LinePayment(line, charge, paid, coinsurance, charge.subtract(paid).subtract(coinsurance), zero));
        }
        return new ClaimPayment(claim, denied, lines);
    }

    /** @param priorPayer what earlier payers' adjudication accounts for (CAS OA-23), on a secondary claim */
    record LinePayment(Line line, BigDecimal charge, BigDecimal paid, BigDecimal coinsurance, BigDecimal contractual,
                       BigDecimal priorPayer) {
    }

    record ClaimPayment(Claim claim, boolean denied, List<LinePayment> lines) {
        BigDecimal charge() {
            return lines.stream().map(LinePayment::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal paid() {
            return lines.stream().map(LinePayment::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal patientResponsibility() {
            return lines.stream().map(LinePayment::coinsurance).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
