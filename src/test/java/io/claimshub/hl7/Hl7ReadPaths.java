package io.claimshub.hl7;

import ca.uhn.hl7v2.model.Message;
import io.claimshub.claim.Reason;

import java.util.Objects;

/**
 * Reads one message both ways, {@link Hl7Parser#read} (the lean reader, HAPI when it declines) and
 * {@link Hl7Parser#parse} (HAPI alone), and maps both: the header, the claim with its problems and the
 * charge entries, or the reason the message is refused, must be the same.
 */
public final class Hl7ReadPaths {

    private final Hl7Parser parser = new Hl7Parser();
    private final DftMapper mapper = new DftMapper();
    private int readLean;

    /** What a read path made of a message: either the mapped message or the reason it was refused. */
    record Outcome(MessageHeader header, MappingResult mapping, ChargeEntries charges, Reason refused) {
    }

    /** @return null when both paths agree, else both outcomes, for the failure message */
    public String difference(String er7) {
        Outcome fast = viaRead(er7);
        Outcome hapi = viaHapi(er7);
        return Objects.equals(fast, hapi) ? null : "read: " + fast + "\nparse: " + hapi;
    }

    /** How many of the messages compared so far the lean reader took. */
    public int readLean() {
        return readLean;
    }

    private Outcome viaRead(String er7) {
        try {
            DftMessage message = parser.read(er7);
            readLean += message.readLean() ? 1 : 0;
            return new Outcome(message.header(), mapper.map(message), ChargeEntries.read(message), null);
        } catch (Hl7Exception e) {
            return new Outcome(null, null, null, e.reason());
        }
    }

    private Outcome viaHapi(String er7) {
        try {
            Message message = parser.parse(er7);
            return new Outcome(parser.header(message), mapper.map(message), ChargeEntries.read(message), null);
        } catch (Hl7Exception e) {
            return new Outcome(null, null, null, e.reason());
        }
    }
}
