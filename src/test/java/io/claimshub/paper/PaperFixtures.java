package io.claimshub.paper;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Drug;
import io.claimshub.claim.Person;
import io.claimshub.claim.Provider;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PayerConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A clinic, a paper payer and claims for the CMS-1500 tests; NPIs pass the check digit, dates are in the past. */
final class PaperFixtures {

    static final Provider WELBY = new Provider("1245319599", "Welby", "Marcus");
    static final LocalDate PRINTED_ON = LocalDate.of(2024, 3, 20);

    private PaperFixtures() {
    }

    static ClinicConfig clinic() {
        return new ClinicConfig("sunrise", "Sunrise Family Practice", "1234567893", "123456789", "207Q00000X",
                new Address("100 Main St.", "Suite #2", "Springfield", "IL", "627011234"), "11",
                new ClinicConfig.Submitter("Sunrise Family Practice", "SUNRISE01", "Billing Office", "2175551212"),
                List.of("SUNRISE"), Path.of("inbox"), Path.of("outbox"), ClinicConfig.ReplyTo.FOLDER, null);
    }

    static PayerConfig payer(PayerConfig.PaperMode mode, int offsetX, int offsetY) {
        PayerConfig.Paper paper = new PayerConfig.Paper(mode, offsetX, offsetY,
                new Address("PO Box 1500", null, "Des Moines", "IA", "50306"));
        return new PayerConfig("acme-auto", "Acme Auto Insurance", "AUTO1", List.of("AUTOINS"), "CI",
                new PayerConfig.Interchange("ZZ", "SUNRISEHUB", "ZZ", "ACMEAUTO", "T", null, null),
                new PayerConfig.Batch(5000, Duration.ofMinutes(15)),
                new PayerConfig.Delivery.Printed(Path.of("paper"), paper),
                null, PayerConfig.Delimiters.DEFAULT);
    }

    static PayerConfig dataPayer() {
        return payer(PayerConfig.PaperMode.DATA, 0, 0);
    }

    static Person janeDoe() {
        return new Person("O'Doe-Smith", "Jane", "Quinn", LocalDate.of(1980, 2, 15), "F",
                new Address("12 Elm St., Apt. 4", null, "Springfield", "IL", "627011234"));
    }

    /** Jane is her own insured: one visit, 99214-25 for 145.00 on March 14, 2024. */
    static Claim singleLine() {
        Person jane = janeDoe();
        Coverage coverage = new Coverage("IN1 #1", "AUTOINS", "Acme Auto Insurance", "GRP100", "W123456789", "18", jane);
        return claim("ACC1", jane, coverage, lines(1));
    }

    /** Seven lines: six fill the first page, the seventh goes on a second. */
    static Claim sevenLines() {
        Person jane = janeDoe();
        Coverage coverage = new Coverage("IN1 #1", "AUTOINS", "Acme Auto Insurance", "GRP100", "W123456789", "18", jane);
        return claim("ACC7", jane, coverage, lines(7));
    }

    /** Tommy is the child of the insured John. */
    static Claim dependent() {
        Person child = new Person("Doe", "Tommy", null, LocalDate.of(2015, 6, 1), "M",
                new Address("12 Elm St", null, "Springfield", "IL", "62701"));
        Person parent = new Person("Doe", "John", "Allen", LocalDate.of(1978, 1, 9), "M",
                new Address("40 Oak Ave", null, "Chatham", "IL", "62629"));
        Coverage coverage = new Coverage("IN1 #1", "AUTOINS", "Acme Auto Insurance", "GRP200", "W999", "19", parent);
        return claim("ACC2", child, coverage, lines(2));
    }

    /** Dr. Casey refers Jane, and her second line is a drug: NDC 00009-0291-01, 2 units. */
    static Claim drugAndReferrer() {
        Person jane = janeDoe();
        Coverage coverage = new Coverage("IN1 #1", "AUTOINS", "Acme Auto Insurance", "GRP100", "W123456789", "18", jane);
        List<ServiceLine> lines = new ArrayList<>(lines(1));
        lines.add(new ServiceLine("FT1 #2", "L2", LocalDate.of(2024, 3, 14), "J3420", List.of(), BigDecimal.ONE,
                new BigDecimal("30.00"), List.of(1), WELBY, null, null, new Drug("00009029101", new BigDecimal("2"), "UN")));
        Claim claim = claim("ACC3", jane, coverage, lines);
        return new Claim(claim.patientControlNumber(), claim.totalCharge(), claim.frequencyCode(),
                claim.originalPayerClaimNumber(), claim.placeOfService(), claim.priorAuthorization(), claim.onsetDate(),
                claim.patient(), claim.coverages(), claim.diagnoses(), claim.lines(), claim.otherTransactions(),
                new Provider("1679576722", "Casey", "Ben"));
    }

    /** Line n (1-based): a different code and charge per line, the same date, pointers to A and then B. */
    static List<ServiceLine> lines(int count) {
        List<ServiceLine> lines = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            lines.add(n == 1
                    ? new ServiceLine("FT1 #1", "L1", LocalDate.of(2024, 3, 14), "99214", List.of("25"), BigDecimal.ONE,
                    new BigDecimal("145.00"), List.of(1), WELBY)
                    : new ServiceLine("FT1 #" + n, "L" + n, LocalDate.of(2024, 3, 14), "8780" + (n - 1), List.of("QW", "59"),
                    new BigDecimal("2"), new BigDecimal(10 * n + ".50"), List.of(2, 1), WELBY));
        }
        return lines;
    }

    static Claim claim(String clm01, Person patient, Coverage coverage, List<ServiceLine> lines) {
        BigDecimal total = lines.stream().map(ServiceLine::chargeAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Claim(clm01, total, "1", null, null, "PA12345", LocalDate.of(2024, 3, 1), patient, List.of(coverage),
                List.of(new Diagnosis("S39.012A", "DG1 #1"), new Diagnosis("V4352XA", "DG1 #2")), lines, List.of());
    }
}
