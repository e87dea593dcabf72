package io.claimshub.hl7;

import ca.uhn.hl7v2.model.Message;
import io.claimshub.claim.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What charge capture needs of a DFT^P03 beyond the claim the {@link DftMapper} makes of it: the encounter
 * key fields and, per FT1, whether it charges or credits and what it refers to (docs/charge-capture.md).
 *
 * @param accountNumber PID-18
 * @param visitNumber   PV1-19
 * @param entries       one per FT1, in message order
 */
public record ChargeEntries(String accountNumber, String visitNumber, List<Entry> entries) {

    /** HL7 table 0017 CD credit, and CR, which many EHRs send for credits. */
    private static final Set<String> CREDIT_TYPES = Set.of("CD", "CR");
    private static final Set<String> PAYMENT_TYPES = Set.of("PY", "AJ", "CO");

    public ChargeEntries {
        entries = List.copyOf(entries);
    }

    public enum Kind {
        /** FT1-6 CG with a positive quantity and amount. */
        CHARGE,
        /** FT1-6 CD/CR, or CG with a negative quantity or amount. */
        CREDIT,
        /** PY, AJ, CO: recorded with the claim, never billed. */
        PAYMENT,
        /** Anything else (the mapper reports it). */
        OTHER
    }

    /**
     * @param origin        "FT1 #2", the same as the service line's origin
     * @param transactionId FT1-2
     * @param referenceId   FT1-31 transaction reference key: the charge a credit reverses
     * @param amount        FT1-11, else FT1-12 × FT1-10, always positive here (the kind says which way)
     * @param units         FT1-10 quantity, positive here; null when the FT1 has none (a credit of an amount only)
     */
    public record Entry(String origin, Kind kind, String transactionId, String referenceId, LocalDate serviceDate,
                        String procedureCode, List<String> modifiers, BigDecimal amount, BigDecimal units) {
        public Entry {
            modifiers = List.copyOf(modifiers);
        }
    }

    public Optional<Entry> entry(String origin) {
        return entries.stream().filter(e -> e.origin().equals(origin)).findFirst();
    }

    public static ChargeEntries read(Message dft) {
        return read(MessageSegments.of(dft));
    }

    public static ChargeEntries read(DftMessage dft) {
        return read(dft.segments());
    }

    private static ChargeEntries read(MessageSegments segments) {
        // Problems are the mapper's to report; this reader only classifies.
        List<Reason> ignored = new ArrayList<>();
        FieldReader pid = segments.first("PID", ignored);
        FieldReader pv1 = segments.first("PV1", ignored);
        List<Entry> entries = new ArrayList<>();
        for (FieldReader ft1 : segments.readers("FT1", ignored)) {
            entries.add(entry(ft1));
        }
        return new ChargeEntries(pid == null ? null : pid.text(18), pv1 == null ? null : pv1.text(19), entries);
    }

    private static Entry entry(FieldReader ft1) {
        String type = ft1.text(6) == null ? "" : ft1.text(6).toUpperCase(Locale.ROOT);
        BigDecimal quantity = ft1.text(10) == null ? null : ft1.number(10, 1, 1, "quantity");
        BigDecimal units = ft1.text(10) == null ? BigDecimal.ONE : quantity;
        BigDecimal amount = ft1.text(11) != null ? ft1.number(11, 1, 1, "extended amount") : null;
        if (amount == null && ft1.text(12) != null && units != null) {
            BigDecimal unit = ft1.number(12, 1, 1, "unit amount");
            amount = unit == null ? null : unit.multiply(units);
        }
        boolean negative = (units != null && units.signum() < 0) || (amount != null && amount.signum() < 0);
        Kind kind;
        if (type.equals("CG")) {
            kind = negative ? Kind.CREDIT : Kind.CHARGE;
        } else if (CREDIT_TYPES.contains(type)) {
            kind = Kind.CREDIT;
        } else if (PAYMENT_TYPES.contains(type)) {
            kind = Kind.PAYMENT;
        } else {
            kind = Kind.OTHER;
        }
        String code = upper(ft1.text(7));
        String procedure = ChargeMapper.cptOrHcpcs(code) || ft1.text(25) == null
                ? code : upper(ft1.text(25));
        return new Entry(ft1.origin(), kind, ft1.text(2), ft1.text(31), ft1.date(4, 1, 1, "transaction date"),
                procedure, ft1.repeated(26, 1).stream().map(ChargeEntries::upper).toList(),
                amount == null ? null : amount.abs(), quantity == null ? null : quantity.abs());
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
