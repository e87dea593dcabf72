package io.claimshub.hl7;

import io.claimshub.testing.Fixtures;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Test messages from src/test/resources/hl7, and small edits of them so each test shows the segment it is about. */
final class Hl7Fixtures {

    static final String VALID = "dft-p03-valid.hl7";

    private Hl7Fixtures() {
    }

    static String read(String name) {
        return Fixtures.resource("hl7/" + name);
    }

    /** The CR-separated message with the first segment that starts with {@code prefix} replaced. */
    static String replacing(String message, String prefix, String segment) {
        String[] segments = message.split("\r");
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith(prefix)) {
                segments[i] = segment;
                return String.join("\r", segments) + "\r";
            }
        }
        throw new IllegalArgumentException("no segment starts with " + prefix);
    }

    /** The CR-separated message without the segments that start with {@code prefix}. */
    static String without(String message, String prefix) {
        return Arrays.stream(message.split("\r"))
                .filter(segment -> !segment.startsWith(prefix))
                .collect(Collectors.joining("\r", "", "\r"));
    }
}
