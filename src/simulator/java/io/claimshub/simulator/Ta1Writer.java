package io.claimshub.simulator;

import java.time.LocalDateTime;

/**
 * The TA1 interchange acknowledgment sent instead of a 999 when the ISA/IEA envelope itself is broken:
 * TA1*ISA13*date*time*R*note code, in an interchange without functional groups.
 */
public final class Ta1Writer {

    public byte[] write(Received837 received, long controlNumber, LocalDateTime created) {
        X12Out out = new X12Out(received.envelope(), controlNumber, created);
        String note = received.interchangeErrors().isEmpty() ? "000" : received.interchangeErrors().get(0);
        out.segment("TA1", received.envelope().controlNumber(), received.envelope().date(),
                received.envelope().time(), "R", note);
        return out.finish(0);
    }
}
