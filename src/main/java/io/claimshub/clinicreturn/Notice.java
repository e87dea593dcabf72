package io.claimshub.clinicreturn;

import java.time.Instant;

/**
 * One message waiting to reach a clinic's system: a claim status record for its webhook, or a
 * remittance DFT for its EHR. Kept on disk until the clinic's system confirmed it.
 *
 * @param target the webhook URL, or host:port of the EHR's MLLP listener
 */
public record Notice(String id, String clinicId, Channel channel, String target, String body, int attempts,
                     Instant nextAttempt, String lastError) {

    public enum Channel { HTTP, MLLP }

    Notice retried(Instant next, String error) {
        return new Notice(id, clinicId, channel, target, body, attempts + 1, next, error);
    }

    Notice failed(String error) {
        return new Notice(id, clinicId, channel, target, body, attempts + 1, nextAttempt, error);
    }
}
