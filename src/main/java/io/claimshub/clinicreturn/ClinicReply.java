package io.claimshub.clinicreturn;

import io.claimshub.replies.ClaimStatusRecord;

import java.util.List;

/**
 * What one clinic receives for one reply file: the reply file (the original untouched, or, for an 835
 * that also pays other clinics' claims, a copy with only this clinic's claims; none for a 277CA about
 * several clinics' claims) and a status record per claim.
 *
 * @param fileName  name for the reply file in the clinic's channel, null when no file is given
 * @param original  true when {@code file} is the payer's file byte for byte
 * @param baseName  the hub's name for the reply ({@code <utc>-<sha256 prefix>}), shared by everything sent for it
 */
public record ClinicReply(String payerId, String baseName, String fileName, byte[] file, boolean original,
                          List<ClaimStatusRecord> statuses) {

    public ClinicReply {
        statuses = List.copyOf(statuses);
    }
}
