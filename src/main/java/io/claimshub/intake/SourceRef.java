package io.claimshub.intake;

/**
 * Where an input came from, for the ledger and for messages to the clinic.
 *
 * @param kind      file | mllp | cli
 * @param name      file name (no directories), or the remote address for mllp
 * @param ordinal   position of the message in its file, 1-based (1 for single messages)
 * @param controlId MSH-10 for HL7 input, null for JSON
 */
public record SourceRef(String kind, String name, int ordinal, String controlId) {

    public SourceRef withMessage(int newOrdinal, String newControlId) {
        return new SourceRef(kind, name, newOrdinal, newControlId);
    }

    /** "lab.hl7 message #3 (MSH-10 MSG0003)" — no patient data. */
    public String describe() {
        StringBuilder text = new StringBuilder(name == null ? kind : name);
        text.append(" message #").append(ordinal);
        if (controlId != null && !controlId.isBlank()) {
            text.append(" (MSH-10 ").append(controlId).append(')');
        }
        return text.toString();
    }
}
