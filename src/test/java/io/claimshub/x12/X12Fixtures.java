package io.claimshub.x12;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.Provider;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PayerConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** A clinic, a payer and claims for 837P writer tests; NPIs pass the Luhn check, dates are in the past. */
final class X12Fixtures {

    static final Address CLINIC_ADDRESS = new Address("100 Main St", "Suite 2", "Springfield", "IL", "627011234");
    static final Provider WELBY = new Provider("1245319599", "Welby", "Marcus");

    private X12Fixtures() {
    }

    static ClinicConfig clinic(String id, String npi) {
        return new ClinicConfig(id, "Sunrise Family Practice", npi, "123456789", "207Q00000X", CLINIC_ADDRESS, "11",
                new ClinicConfig.Submitter("Sunrise Family Practice", "SUNRISE01", "Billing Office", "2175551212"),
                List.of("SUNRISE"), Path.of("inbox"), Path.of("outbox"), ClinicConfig.ReplyTo.FOLDER, null);
    }

    static PayerConfig payer(PayerConfig.Delimiters delimiters) {
        return new PayerConfig("acme", "ACME HEALTH PLAN", "60054", List.of("ACME"), "CI",
                new PayerConfig.Interchange("ZZ", "SUNRISEHUB", "ZZ", "ACMEHP", "T", null, null),
                new PayerConfig.Batch(5000, Duration.ofMinutes(15)),
                new PayerConfig.Delivery.Folder(Path.of("out")),
                null, delimiters);
    }

    static Claim selfInsured(String clm01) {
        Person patient = new Person("Doe", "Jane", "Q", LocalDate.of(1980, 2, 15), "F",
                new Address("12 Elm St", null, "Springfield", "IL", "627011234"));
        Coverage coverage = new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP100", "W123456789", "18", patient);
        return claim(clm01, patient, coverage);
    }

    static Claim dependent(String clm01) {
        Person child = new Person("Doe", "Tommy", null, LocalDate.of(2015, 6, 1), "M",
                new Address("12 Elm St", null, "Springfield", "IL", "62701"));
        Person parent = new Person("Doe", "John", null, LocalDate.of(1978, 1, 1), "M",
                new Address("12 Elm St", null, "Springfield", "IL", "62701"));
        Coverage coverage = new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP100", "W999", "19", parent);
        return claim(clm01, child, coverage);
    }

    static Claim claim(String clm01, Person patient, Coverage coverage) {
        ServiceLine visit = new ServiceLine("FT1 #1", clm01 + "-1", LocalDate.of(2024, 3, 14), "99214", List.of("25"),
                BigDecimal.ONE, new BigDecimal("145.00"), List.of(1), WELBY);
        ServiceLine test = new ServiceLine("FT1 #2", clm01 + "-2", LocalDate.of(2024, 3, 14), "87804", List.of("QW", "59"),
                new BigDecimal("2"), new BigDecimal("70.50"), List.of(2, 1), new Provider("1234567893", "Other", "Doc"));
        return new Claim(clm01, new BigDecimal("215.50"), "1", null, null, null, null, patient, List.of(coverage),
                List.of(new Diagnosis("J209", "DG1 #1"), new Diagnosis("R059", "DG1 #2")), List.of(visit, test), List.of());
    }
}
