package io.claimshub.intake;

/**
 * How much of a clinic file is held in memory at once, so that no input can exhaust the hub's memory.
 * Everything beyond a limit is refused with a reason, never read into memory.
 *
 * @param maxMessageChars  the largest HL7 message or JSON claim (characters); larger ones are refused
 *                         (the MLLP listener's {@code claimshub.mllp.max-message-bytes} counterpart)
 * @param maxItemsPerFile  the most messages or claims one file may hold; the rest of a longer file is
 *                         not read
 * @param maxListItems     the most entries of any list inside one JSON claim (service lines, diagnoses,
 *                         coverages)
 * @param maxReasons       the most reasons kept and reported per claim; the rest are counted in one
 *                         closing reason
 */
public record ReadLimits(int maxMessageChars, int maxItemsPerFile, int maxListItems, int maxReasons) {

    /** The defaults of config/application.properties. */
    public static final ReadLimits DEFAULTS = new ReadLimits(1_048_576, 100_000, 1_000, 100);

    public ReadLimits {
        if (maxMessageChars < 1 || maxItemsPerFile < 1 || maxListItems < 1 || maxReasons < 1) {
            throw new IllegalArgumentException("read limits must be positive: " + maxMessageChars + ", "
                    + maxItemsPerFile + ", " + maxListItems + ", " + maxReasons);
        }
    }
}
