package io.claimshub.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of batch files: {@code <payer>-<UTC time>-<ISA13>.837}, or {@code .pdf} for a paper payer's
 * CMS-1500 forms. They sort by time, and the interchange control number (never reused for a payer,
 * drawn for paper batches too) makes them unique.
 */
public final class BatchFileNames {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern NAME =
            Pattern.compile("(.+)-\\d{8}T\\d{6}Z-(\\d{9})\\.837");

    private BatchFileNames() {
    }

    /** The interchange control number in a name this class made, if it is one. */
    public static OptionalLong controlNumber(String payerId, String fileName) {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches() || !name.group(1).equals(payerId)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(name.group(2)));
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
