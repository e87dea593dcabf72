package io.claimshub.hl7;

import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import io.claimshub.claim.Reason;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Reads the fields of one segment by position (the spec's numbers) and reports values it cannot use as
 * {@link Reason}s located at the segment, e.g. "FT1 #2". The segment is HAPI's or the lean reader's
 * ({@link SegmentFields}); the answers are the same.
 *
 * <p>Values come back trimmed, with HL7 escapes already decoded; empty values and the HL7 null
 * {@code ""} come back as null.
 */
final class FieldReader {

    private static final String HL7_NULL = "\"\"";
    /** XAD.1 (SAD) has three subcomponents: street or mailing address, street name, dwelling number. */
    private static final int MAX_SUBCOMPONENTS = 3;

    private final SegmentFields segment;
    private final String origin;
    private final List<Reason> problems;

    FieldReader(SegmentFields segment, String origin, List<Reason> problems) {
        this.segment = segment;
        this.origin = origin;
        this.problems = problems;
    }

    /** Where this segment is, for reasons and origins: "FT1 #2", "PID". */
    String origin() {
        return origin;
    }

    void problem(String code, String message) {
        problems.add(new Reason(origin, code, message));
    }

    /** Component 1, subcomponent 1 of the first repetition. */
    String text(int field) {
        return text(field, 0, 1, 1);
    }

    /** Subcomponent 1 of a component of the first repetition. */
    String text(int field, int component) {
        return text(field, 0, component, 1);
    }

    String text(int field, int component, int subcomponent) {
        return text(field, 0, component, subcomponent);
    }

    /** One component of every repetition of a field, skipping the empty ones. */
    List<String> repeated(int field, int component) {
        List<String> values = new ArrayList<>();
        for (int rep = 0; rep < repetitions(field); rep++) {
            String value = text(field, rep, component, 1);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** One component of one repetition (0-based), subcomponent 1. */
    String repetitionText(int field, int repetition, int component) {
        return text(field, repetition, component, 1);
    }

    /** Every non-empty subcomponent of a component, joined by a space: {@code 1000&Hospital Lane} → "1000 Hospital Lane". */
    String joinedSubcomponents(int field, int component) {
        List<String> parts = new ArrayList<>();
        for (int sub = 1; sub <= MAX_SUBCOMPONENTS; sub++) {
            String part = text(field, 0, component, sub);
            if (part != null) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    int repetitions(int field) {
        return segment.repetitions(field);
    }

    /** Component 1 as a positive whole number (set ids, priorities), or 0 when it is empty or not one. */
    int positiveInteger(int field) {
        return positiveInteger(text(field));
    }

    /**
     * The segments by {@code rank}, lowest first, equal ranks in message order. Most messages already have
     * them in order: then the list is returned as it is, and the sort (which the JIT would compile for every
     * run of {@code convert}) is not reached.
     */
    static List<FieldReader> ordered(List<FieldReader> segments, ToIntFunction<FieldReader> rank) {
        for (int i = 1; i < segments.size(); i++) {
            if (rank.applyAsInt(segments.get(i - 1)) > rank.applyAsInt(segments.get(i))) {
                List<FieldReader> sorted = new ArrayList<>(segments);
                sorted.sort(Comparator.comparingInt(rank));
                return sorted;
            }
        }
        return segments;
    }

    /**
     * {@code 0*[1-9]\d{0,8}} as a number, else 0: written out rather than matched, as it runs for every
     * segment's set id ({@code ShapeChecksTest} holds it to that regex).
     */
    static int positiveInteger(String value) {
        if (value == null) {
            return 0;
        }
        int significant = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            if (significant < 0 && c != '0') {
                significant = i;
            }
        }
        return significant >= 0 && value.length() - significant <= 9 ? Integer.parseInt(value) : 0;
    }

    /** A decimal number, or null when empty; a value that is not a number is reported (it is not PHI). */
    BigDecimal number(int field, int component, int subcomponent, String label) {
        String value = text(field, 0, component, subcomponent);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            problem("NOT_A_NUMBER", segment.name() + "-" + field + " " + label + " '" + value + "' is not a number");
            return null;
        }
    }

    /**
     * The date part of an HL7 date/time as written (no time zone shift), or null when empty. A value that
     * is not a full date is reported without quoting it: dates tied to a patient are PHI.
     */
    LocalDate date(int field, int component, int subcomponent, String label) {
        String value = text(field, 0, component, subcomponent);
        if (value == null) {
            return null;
        }
        try {
            return calendarDate(value);
        } catch (DataTypeException | DateTimeException e) {
            problem("NOT_A_DATE", segment.name() + "-" + field + " " + label + " is not a full date (YYYYMMDD)");
            return null;
        }
    }

    /**
     * The date part of an HL7 DT/DTM value. A plain YYYYMMDD (what EHRs send for dates) is read directly:
     * HAPI's {@link CommonTS} goes through a {@code GregorianCalendar}, which cost more than the rest of the
     * field reading. Every other shape is HAPI's to read and to refuse, and so are years before 1600: the
     * calendar is Julian before October 1582 and refuses year 0. Both read the same 8-digit values alike
     * ({@code FieldReaderDatesTest}).
     *
     * @throws DataTypeException or {@link DateTimeException} when the value is not a full date
     */
    private static final String GREGORIAN_ONLY = "16000101";

    static LocalDate calendarDate(String value) throws DataTypeException {
        if (value.length() == 8 && digits(value) && value.compareTo(GREGORIAN_ONLY) >= 0) {
            return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 4, 6, 10),
                    Integer.parseInt(value, 6, 8, 10));
        }
        CommonTS timestamp = new CommonTS(value);
        return LocalDate.of(timestamp.getYear(), timestamp.getMonth(), timestamp.getDay());
    }

    private static boolean digits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private String text(int field, int repetition, int component, int subcomponent) {
        if (repetition > 0 && repetition >= repetitions(field)) {
            return null;
        }
        String value = segment.value(field, repetition, component, subcomponent);
        if (value == null || value.isBlank() || value.strip().equals(HL7_NULL)) {
            return null;
        }
        return value.strip();
    }
}
