package io.claimshub.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A request's query string, checked against the parameters an endpoint knows: a typo is an error, not ignored. */
public final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParameters parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (!known.contains(name)) {
                    throw ApiException.badRequest("unknown query parameter '" + name + "'; this endpoint takes "
                            + String.join(", ", known.stream().sorted().toList()));
                }
                if (values.put(name, value) != null) {
                    throw ApiException.badRequest("query parameter '" + name + "' is given twice");
                }
            }
        }
        return new QueryParameters(values);
    }

    /** The value, or null when absent or empty. */
    public String text(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public LocalDate date(String name) {
        String value = text(name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be a date yyyy-mm-dd");
        }
    }

    public Long number(String name) {
        String value = text(name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number");
        }
    }

    public int number(String name, int defaultValue, int min, int max) {
        Long value = number(name);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max);
        }
        return value.intValue();
    }

    /** A readable form of the criteria for the audit log. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value));
        return text.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not properly URL-encoded");
        }
    }
}
