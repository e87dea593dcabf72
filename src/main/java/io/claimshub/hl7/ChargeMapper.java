package io.claimshub.hl7;

import io.claimshub.claim.Drug;
import io.claimshub.claim.FinancialTransaction;
import io.claimshub.claim.Ndc;
import io.claimshub.claim.Provider;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts the FT1s of a message into charges (FT1-6 {@code CG}), which become service lines, and other
 * transactions (credits, payments, adjustments, co-payments), which are recorded but never billed.
 */
final class ChargeMapper {

    private static final String CHARGE = "CG";
    /** HL7 table 0017 (CD credit, PY payment, AJ adjustment, CO co-payment) and CR, which many EHRs send for credits. */
    private static final Set<String> NOT_BILLED = Set.of("CD", "CR", "PY", "AJ", "CO");
    /** Generated line control numbers stay within 30 characters. */
    private static final int MAX_LINE_CONTROL_NUMBER = 30;

    private final String patientControlNumber;
    private final List<Charge> charges = new ArrayList<>();
    private final List<FinancialTransaction> transactions = new ArrayList<>();

    /** @param patientControlNumber CLM01, the stem of generated line control numbers; may be null */
    ChargeMapper(String patientControlNumber) {
        this.patientControlNumber = patientControlNumber;
    }

    void add(FieldReader ft1) {
        String type = upper(ft1.text(6));
        if (CHARGE.equals(type)) {
            charges.add(charge(ft1));
            return;
        }
        transactions.add(new FinancialTransaction(ft1.origin(), type, ft1.text(7), amount(ft1, units(ft1))));
        if (type == null) {
            ft1.problem("NO_TRANSACTION_TYPE", "FT1-6 transaction type is empty (CG for a charge); the FT1 was not billed");
        } else if (!NOT_BILLED.contains(type)) {
            ft1.problem("UNKNOWN_TRANSACTION_TYPE", "FT1-6 transaction type '" + type
                    + "' is not CG, CD, CR, PY, AJ or CO; the FT1 was not billed");
        }
    }

    List<Charge> charges() {
        return List.copyOf(charges);
    }

    List<FinancialTransaction> transactions() {
        return List.copyOf(transactions);
    }

    private Charge charge(FieldReader ft1) {
        int lineNumber = charges.size() + 1;
        BigDecimal units = units(ft1);
        BigDecimal amount = amount(ft1, units);
        if (ft1.text(11) == null && ft1.text(12) == null) {
            ft1.problem("NO_CHARGE_AMOUNT", "FT1-11 extended amount and FT1-12 unit amount are both empty");
        }
        LocalDate serviceDate = ft1.date(4, 1, 1, "transaction date");
        if (serviceDate == null && ft1.text(4) == null) {
            ft1.problem("NO_SERVICE_DATE", "FT1-4 transaction date is empty");
        }
        return new Charge(
                ft1.origin(),
                lineControlNumber(ft1.text(2), lineNumber),
                serviceDate,
                procedureCode(ft1),
                modifiers(ft1),
                units,
                amount,
                diagnosisCodes(ft1),
                provider(ft1, 20),
                provider(ft1, 21),
                drug(ft1, units));
    }

    /** FT1-26 modifiers (component 1 of each repetition), upper-cased. */
    private static List<String> modifiers(FieldReader ft1) {
        List<String> modifiers = new ArrayList<>();
        for (String modifier : ft1.repeated(26, 1)) {
            modifiers.add(upper(modifier));
        }
        return modifiers;
    }

    /** FT1-11 extended amount, else FT1-12 unit amount × FT1-10 quantity; null when neither can be read. */
    private static BigDecimal amount(FieldReader ft1, BigDecimal units) {
        if (ft1.text(11) != null) {
            return ft1.number(11, 1, 1, "extended amount");
        }
        BigDecimal unitAmount = ft1.number(12, 1, 1, "unit amount");
        return unitAmount == null || units == null ? null : unitAmount.multiply(units);
    }

    /** FT1-10 quantity, 1 when empty; null when it is not a number (reported). */
    private static BigDecimal units(FieldReader ft1) {
        return ft1.text(10) == null ? BigDecimal.ONE : ft1.number(10, 1, 1, "quantity");
    }

    /**
     * FT1-7 when it holds a CPT/HCPCS code; otherwise FT1-7 is a local charge code and FT1-25 (procedure
     * code) holds the billing code. A code that fits neither is passed on for the edits to reject.
     */
    private static String procedureCode(FieldReader ft1) {
        String transactionCode = upper(ft1.text(7));
        String procedureCode = upper(ft1.text(25));
        if (cptOrHcpcs(transactionCode)) {
            return transactionCode;
        }
        if (procedureCode != null) {
            return procedureCode;
        }
        if (transactionCode == null) {
            ft1.problem("NO_PROCEDURE_CODE", "FT1-7 transaction code and FT1-25 procedure code are both empty");
        }
        return transactionCode;
    }

    /** FT1-19 diagnosis codes, each repetition's coding system (component 3) checked: ICD-10-CM only. */
    private static List<String> diagnosisCodes(FieldReader ft1) {
        List<String> codes = new ArrayList<>();
        for (int rep = 0; rep < ft1.repetitions(19); rep++) {
            String code = DiagnosisMapper.normalise(ft1.repetitionText(19, rep, 1));
            if (code != null) {
                DiagnosisMapper.checkCodingSystem(ft1, "FT1-19", code, ft1.repetitionText(19, rep, 3));
                codes.add(code);
            }
        }
        return codes;
    }

    /**
     * CPT: 5 digits, or 4 digits and a letter (category II/III, PLA); HCPCS level II: a letter and 4 digits
     * ({@code \d{5}|\d{4}[A-Z]|[A-Z]\d{4}}, written out: it runs for every FT1; {@code ShapeChecksTest}).
     */
    static boolean cptOrHcpcs(String code) {
        if (code == null || code.length() != 5) {
            return false;
        }
        for (int i = 1; i < 4; i++) {
            if (!digit(code.charAt(i))) {
                return false;
            }
        }
        char first = code.charAt(0);
        char last = code.charAt(4);
        return digit(first) && (digit(last) || upperLetter(last)) || upperLetter(first) && digit(last);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean upperLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** FT1-20 performed by / FT1-21 ordered by (XCN): id (the NPI), family name, given name; null when empty. */
    private static Provider provider(FieldReader ft1, int field) {
        return XcnProvider.read(ft1, field);
    }

    /**
     * 2410: FT1-29 NDC code (component 1) with FT1-10 quantity as the drug quantity in units (UN); null when
     * FT1-29 is empty. NDCs sent with dashes in the 4-4-2, 5-3-2 or 5-4-1 forms are padded to 5-4-2; any
     * other value is passed on as sent for the edits to reject.
     */
    private static Drug drug(FieldReader ft1, BigDecimal units) {
        String ndc = ft1.text(29, 1);
        return ndc == null ? null : new Drug(Ndc.elevenDigits(ndc), units, Drug.UNIT);
    }

    /** FT1-2 transaction id; else CLM01 and the line number, stable when the same message is sent again. */
    private String lineControlNumber(String transactionId, int lineNumber) {
        if (transactionId != null) {
            return transactionId;
        }
        String suffix = "-" + lineNumber;
        String stem = patientControlNumber == null ? "LINE" : patientControlNumber;
        return stem.substring(0, Math.min(stem.length(), MAX_LINE_CONTROL_NUMBER - suffix.length())) + suffix;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
