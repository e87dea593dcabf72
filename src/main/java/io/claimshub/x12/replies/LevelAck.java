package io.claimshub.x12.replies;

import java.util.List;

/**
 * STC segments of a 277CA (005010X214) above the claims: at 2200B, the information receiver (the
 * hub's whole 837 file, named by TRN02 = the 837's BHT03), or at 2200C, one billing provider in that
 * file. A rejection here, usually with no claim loops below it, is about every claim of that scope.
 *
 * @param fileTrace          2200B TRN02 of the information receiver the status is under
 * @param providerQualifier  2100C NM1*85 NM108 (XX or FI), "" at the information receiver level
 * @param providerId         2100C NM1*85 NM109, "" at the information receiver level
 * @param replyControlNumber ISA13 of the interchange the 277CA came in
 */
public record LevelAck(String replyControlNumber, Level level, String fileTrace, String providerQualifier,
                       String providerId, List<ClaimAck.Status> statuses) {

    public LevelAck {
        statuses = List.copyOf(statuses);
    }

    public enum Level {
        /** 2200B */
        INFORMATION_RECEIVER("2200B information receiver"),
        /** 2200C */
        BILLING_PROVIDER("2200C billing provider");

        private final String words;

        Level(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
