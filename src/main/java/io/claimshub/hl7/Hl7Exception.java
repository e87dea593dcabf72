package io.claimshub.hl7;

import io.claimshub.claim.Reason;

/**
 * A message that cannot be read as an HL7 v2 DFT^P03. The text names the segment or field to fix and
 * never carries patient data, so it is safe to log and to send back to the clinic.
 *
 * <p>Codes: {@code NOT_HL7} (empty, XML, or not starting with MSH), {@code NOT_ER7} (the pipe encoding is
 * broken), {@code UNSUPPORTED_MESSAGE_TYPE} (MSH-9), {@code UNSUPPORTED_VERSION} (MSH-12),
 * {@code UNPARSEABLE} (HAPI could not parse it).
 */
public final class Hl7Exception extends Exception {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final String code;
    private final String problem;

    Hl7Exception(String where, String code, String problem) {
        super(where + ": " + problem);
        this.where = where;
        this.code = code;
        this.problem = problem;
    }

    /** The same problem as a {@link Reason}, ready for the ledger and the clinic's rejection report. */
    public Reason reason() {
        return new Reason(where, code, problem);
    }
}
