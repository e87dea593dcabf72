package io.claimshub.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code {name}} segments of a route template ({@code /api/claims/{claimId}}) out of a request path. */
final class PathTemplate {

    private PathTemplate() {
    }

    /** Each parameter's decoded value; empty when the path does not have the template's shape. */
    static Map<String, String> match(String template, String path) {
        if (template == null || path == null) {
            return Map.of();
        }
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")) {
                values.put(segment.substring(1, segment.length() - 1), decode(actual[i]));
            } else if (!segment.equals(actual[i])) {
                return Map.of();
            }
        }
        return Map.copyOf(values);
    }

    /** Percent-decoding as in a path: a '+' stays a '+'; a broken escape is kept as sent (it then matches nothing). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
