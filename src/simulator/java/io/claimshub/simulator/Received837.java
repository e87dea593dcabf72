package io.claimshub.simulator;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the simulator keeps of one 837P interchange: envelope control numbers, the errors found, and
 * per transaction set the claims a payer answers about.
 */
public record Received837(Envelope envelope, List<String> interchangeErrors, List<Group> groups) {

    public Received837 {
        interchangeErrors = List.copyOf(interchangeErrors);
        groups = List.copyOf(groups);
    }

    /** ISA values the replies swap and echo; {@code controlNumber} is ISA13, date and time ISA09/ISA10. */
    public record Envelope(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                           String date, String time, String controlNumber, String usage, char element, char component, char repetition,
                           char segment) {
    }

    /**
     * One GS..GE: {@code controlNumber} is GS06, {@code version} GS08, {@code errorCodes} the 999 AK905
     * codes for GS/GE problems (4 control numbers differ, 5 set count wrong, 1 other).
     */
    public record Group(String functionalId, String applicationSender, String applicationReceiver,
                       String controlNumber, String version, List<String> errorCodes, List<TransactionSet> sets) {
        public Group {
            errorCodes = List.copyOf(errorCodes);
            sets = List.copyOf(sets);
        }
    }

    /**
     * One ST..SE with the segment errors found (control-structure errors from StAEDI and the 837P checks)
     * and {@code setErrorCode}, the 999 IK502 code for a set-level problem (or null).
     */
    public record TransactionSet(String identifier, String controlNumber, String batchId, Party submitter,
                                 Party billingProvider, String billingTaxId, List<SegmentError> errors,
                                 String setErrorCode, List<Claim> claims) {
        public TransactionSet {
            errors = List.copyOf(errors);
            claims = List.copyOf(claims);
        }

        public boolean accepted() {
            return errors.isEmpty() && setErrorCode == null;
        }
    }

    /** An NM1 party: organisation (or last) name, first name, id (NM109). */
    public record Party(String name, String firstName, String id) {
    }

    /**
     * A 999 IK3 with its IK4s: {@code position} counts segments from ST = 1, {@code loop} the loop id
     * when known, {@code code} the IK304 syntax error code.
     */
    public record SegmentError(String tag, int position, String loop, String code, List<ElementError> elements) {
        public SegmentError {
            elements = List.copyOf(elements);
        }
    }

    /** A 999 IK4: element (and component) position, IK403 code, and the bad value when it is safe to copy. */
    public record ElementError(int position, int component, String reference, String code, String badValue) {
    }

    /**
     * One 2300 claim: CLM01, CLM02, the subscriber (2010BA), service date and lines.
     *
     * @param payerResponsibility       2000B SBR01: P to the primary payer, S / T to a secondary / tertiary
     * @param remainingPatientLiability the last 2320 AMT*EAF (what earlier payers left), null when none
     */
    public record Claim(String id, BigDecimal charge, Party subscriber, String serviceDate, List<Line> lines,
                        String payerResponsibility, BigDecimal remainingPatientLiability) {
        public Claim {
            lines = List.copyOf(lines);
            payerResponsibility = payerResponsibility == null || payerResponsibility.isEmpty() ? "P" : payerResponsibility;
        }

        /** A claim to the primary payer. */
        public Claim(String id, BigDecimal charge, Party subscriber, String serviceDate, List<Line> lines) {
            this(id, charge, subscriber, serviceDate, lines, "P", null);
        }

        /** Billed to a secondary or tertiary payer after an earlier payer's adjudication. */
        public boolean coordinated() {
            return !payerResponsibility.equals("P");
        }
    }

    /**
     * One 2400 line: LX01, the line item control number (REF*6R, else LX01), SV101 components, SV102,
     * SV104, DTP*472, and what earlier payers paid on it (2430 SVD02 added up; null when none).
     */
    public record Line(String number, String controlNumber, List<String> procedure, BigDecimal charge, String units,
                       String serviceDate, BigDecimal priorPaid) {
        public Line {
            procedure = List.copyOf(procedure);
        }
    }
}
