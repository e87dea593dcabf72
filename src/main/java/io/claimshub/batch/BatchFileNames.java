package io.claimshub.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names of batch files: {@code <payer>-<UTC time>-<ISA13>.837}, or {@code .pdf} for a paper payer's
 * CMS-1500 forms. They sort by time, and the interchange control number (never reused for a payer,
 * drawn for paper batches too) makes them unique.
 */
public final class BatchFileNames {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private BatchFileNames() {
    }

    public static String of(String payerId, Instant created, long interchangeControlNumber) {
        return stem(payerId, created, interchangeControlNumber) + ".837";
    }

    public static String pdf(String payerId, Instant created, long interchangeControlNumber) {
        return stem(payerId, created, interchangeControlNumber) + ".pdf";
    }

    private static String stem(String payerId, Instant created, long interchangeControlNumber) {
        return payerId + "-" + TIME.format(created) + "-" + String.format("%09d", interchangeControlNumber);
    }
}
