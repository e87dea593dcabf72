package io.claimshub.hl7;

import io.claimshub.claim.Claim;
import io.claimshub.claim.Reason;

import java.util.List;

/**
 * What {@link DftMapper} made of a message.
 *
 * @param claim    the claim; null only when the message has no FT1 at all
 * @param problems what the mapper could not read, each located at a segment ("FT1 #2", "PID"); a claim
 *                 with problems is incomplete and must not be sent as it is
 */
public record MappingResult(Claim claim, List<Reason> problems) {

    public MappingResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
