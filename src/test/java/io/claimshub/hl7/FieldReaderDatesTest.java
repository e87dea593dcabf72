package io.claimshub.hl7;

import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FieldReader#calendarDate} reads YYYYMMDD itself: for every year, month and day shape it must take
 * and refuse exactly what HAPI's {@link CommonTS} (the reading it replaces) takes and refuses.
 */
class FieldReaderDatesTest {

    @Test
    void every_eight_digit_value_reads_as_hapi_reads_it() {
        List<String> values = new ArrayList<>();
        for (String year : List.of("0000", "0001", "0999", "1000", "1582", "1599", "1600", "1700", "1900", "2000", "2024", "2026", "9999")) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    values.add(year + String.format("%02d%02d", month, day));
                }
            }
        }
        values.addAll(List.of("20261101", "2026110", "202611011", "2026-11-01", "20261101120000", "202611011200-0500",
                "2026", "202611", "2026110A", "+2026110", " 2026110"));
        List<String> differences = new ArrayList<>();
        for (String value : values) {
            String own = outcome(() -> FieldReader.calendarDate(value));
            String hapi = outcome(() -> {
                CommonTS timestamp = new CommonTS(value);
                return LocalDate.of(timestamp.getYear(), timestamp.getMonth(), timestamp.getDay());
            });
            if (!own.equals(hapi)) {
                differences.add(value + ": " + own + ", HAPI " + hapi);
            }
        }
        assertThat(differences).as("values read otherwise than HAPI reads them").isEmpty();
    }

    private interface DateReading {
        LocalDate read() throws DataTypeException;
    }

    /** The date read, or "not a date" as FieldReader reports any refusal. */
    private static String outcome(DateReading reading) {
        try {
            return reading.read().toString();
        } catch (DataTypeException | DateTimeException e) {
            return "not a date";
        }
    }
}
