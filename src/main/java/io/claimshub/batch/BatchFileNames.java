package io.claimshub.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names of 837 files: {@code <payer>-<UTC time>-<ISA13>.837}. They sort by time, and the interchange
 * control number (never reused for a payer) makes them unique.
 */
public final class BatchFileNames {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private BatchFileNames() {
    }

    public static String of(String payerId, Instant created, long interchangeControlNumber) {
        return payerId + "-" + TIME.format(created) + "-" + String.format("%09d", interchangeControlNumber) + ".837";
    }
}
