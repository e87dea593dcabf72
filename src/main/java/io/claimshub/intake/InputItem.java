package io.claimshub.intake;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Reason;

/** One message or claim read from a clinic file, with its 1-based position in the file. */
public sealed interface InputItem {

    int ordinal();

    /** An HL7 v2 message in ER7 form, not parsed yet. */
    record Hl7Message(int ordinal, String er7) implements InputItem {
    }

    /**
     * An HL7 message longer than the file intake's limit, not read into memory.
     *
     * @param head   the start of its first segment (its MSH, for MSH-10)
     * @param length its length in characters
     */
    record Hl7TooLarge(int ordinal, String head, long length) implements InputItem {
    }

    /** A canonical JSON claim. */
    record JsonClaim(int ordinal, Claim claim) implements InputItem {
    }

    /** A JSON object in the file that is not a valid claim. */
    record InvalidJsonClaim(int ordinal, Reason reason) implements InputItem {
    }
}
