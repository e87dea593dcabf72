package io.claimshub.hl7;

import io.claimshub.claim.Address;
import io.claimshub.claim.Person;

import java.time.LocalDate;
import java.util.Locale;

/** Builds the patient (PID) and the insured of a coverage (IN1) from names (XPN), dates and addresses (XAD). */
final class PersonMapper {


    private PersonMapper() {
    }

    /** PID-5 name (suffix PID-5.4), PID-7 birth date, PID-8 sex, PID-11 address. */
    static Person patient(FieldReader pid) {
        return person(pid, 5, pid.date(7, 1, 1, "birth date"), pid.text(8), address(pid, 11));
    }

    /**
     * IN1-16 name, IN1-18 birth date, IN1-43 sex, IN1-19 address. When the patient is the insured, each
     * missing value is the patient's. For a dependent only the address falls back to the patient's (a
     * household usually shares one); the patient's name, birth date or sex would be wrong for the insured.
     */
    static Person insured(FieldReader in1, Person patient, boolean patientIsInsured) {
        Person fromIn1 = person(in1, 16, in1.date(18, 1, 1, "insured's birth date"), in1.text(43), address(in1, 19));
        if (patient == null) {
            return fromIn1;
        }
        if (!patientIsInsured) {
            return new Person(fromIn1.lastName(), fromIn1.firstName(), fromIn1.middleName(), fromIn1.birthDate(),
                    fromIn1.sex(), orElse(fromIn1.address(), patient.address()), fromIn1.suffix());
        }
        boolean hasName = fromIn1.lastName() != null || fromIn1.firstName() != null;
        return new Person(
                hasName ? fromIn1.lastName() : patient.lastName(),
                hasName ? fromIn1.firstName() : patient.firstName(),
                hasName ? fromIn1.middleName() : patient.middleName(),
                orElse(fromIn1.birthDate(), patient.birthDate()),
                orElse(fromIn1.sex(), patient.sex()),
                orElse(fromIn1.address(), patient.address()),
                hasName ? fromIn1.suffix() : patient.suffix());
    }

    private static Person person(FieldReader segment, int nameField, LocalDate birthDate, String sex, Address address) {
        return new Person(
                segment.text(nameField, 1, 1),
                segment.text(nameField, 2),
                segment.text(nameField, 3),
                birthDate,
                x12Sex(sex),
                address,
                segment.text(nameField, 4));
    }

    /**
     * XAD street (1, every subcomponent: street address, street name, dwelling number), other designation
     * (2), city (3), state (4), ZIP (5, digits only); null when empty.
     */
    private static Address address(FieldReader segment, int field) {
        String line1 = segment.joinedSubcomponents(field, 1);
        String line2 = segment.text(field, 2);
        String city = segment.text(field, 3);
        String state = segment.text(field, 4);
        String zip = segment.text(field, 5);
        if (line1 == null && line2 == null && city == null && state == null && zip == null) {
            return null;
        }
        String zipDigits = zip == null ? null : digitsOnly(zip);
        return new Address(line1, line2, city, state, zipDigits == null || zipDigits.isEmpty() ? null : zipDigits);
    }

    /** The ASCII digits of the value ({@code \D} removed; written out, as it runs for every address: ShapeChecksTest). */
    static String digitsOnly(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.length() == value.length() ? value : digits.toString();
    }

    /** HL7 table 0001 to DMG03: M and F as they are; O, A, N, U and anything else become U. */
    private static String x12Sex(String hl7Sex) {
        if (hl7Sex == null) {
            return null;
        }
        String sex = hl7Sex.toUpperCase(Locale.ROOT);
        return sex.equals("M") || sex.equals("F") ? sex : "U";
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
