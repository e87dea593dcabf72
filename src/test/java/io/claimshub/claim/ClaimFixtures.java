package io.claimshub.claim;

import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** A valid claim, its clinic and partners, for the edit tests; variations are made with the records' copies. */
final class ClaimFixtures {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    static final Person PATIENT = new Person("Zebulon", "Quixote", null, LocalDate.of(1961, 7, 23), "M",
            new Address("4471 Larkspur Ln", null, "Peoria", "IL", "61602"));

    private ClaimFixtures() {
    }

    static ClinicConfig clinic() {
        return new ClinicConfig("sunrise", "Sunrise Family Practice", "1234567893", "123456789", "207Q00000X",
                new Address("100 Main St", null, "Springfield", "IL", "627011234"), "11",
                new ClinicConfig.Submitter("Sunrise", "SUNRISE01", "Billing", "2175551212"), List.of("SUNRISE"),
                Path.of("in"), Path.of("out"), ClinicConfig.ReplyTo.FOLDER, null);
    }

    static PartnerConfig partners() {
        PayerConfig acme = new PayerConfig("acme", "ACME HEALTH PLAN", "60054", List.of("ACME"), "CI",
                new PayerConfig.Interchange("ZZ", "HUB", "ZZ", "ACME", "T", null, null),
                new PayerConfig.Batch(10, Duration.ofMinutes(1)),
                new PayerConfig.Delivery.Folder(Path.of("x")),
                null, PayerConfig.Delimiters.DEFAULT);
        return new PartnerConfig(List.of(clinic()), List.of(acme));
    }

    static ServiceLine line(String origin, String code, String charge, List<Integer> pointers) {
        return new ServiceLine(origin, "L-" + origin, LocalDate.of(2026, 10, 20), code, List.of("25"), BigDecimal.ONE,
                new BigDecimal(charge), pointers, new Provider("1245319599", "Welby", "Marcus"));
    }

    static Coverage coverage(String relationship, Person insured) {
        return new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP1", "ZQ7781234", relationship, insured);
    }

    static Claim validClaim() {
        return claim(List.of(line("FT1 #1", "99213", "125.00", List.of(1)), line("FT1 #2", "87804", "80", List.of(2, 1))),
                List.of(new Diagnosis("J209", "DG1 #1"), new Diagnosis("R059", "DG1 #2")), List.of(coverage("18", PATIENT)));
    }

    static Claim claim(List<ServiceLine> lines, List<Diagnosis> diagnoses, List<Coverage> coverages) {
        BigDecimal total = lines.stream().map(ServiceLine::chargeAmount).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Claim("ACC1001", total, "1", null, null, null, null, PATIENT, coverages, diagnoses, lines, List.of());
    }
}
