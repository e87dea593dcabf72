package io.claimshub.simulator;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.Provider;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.x12.Claim837Writer;
import io.claimshub.x12.Interchange837;
import io.claimshub.x12.TransactionSet837;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** 837P files for the simulator tests, written by the hub's own {@link Claim837Writer}. */
final class SimulatorFixtures {

    static final LocalDateTime CREATED = LocalDateTime.of(2024, 3, 20, 14, 5);

    private SimulatorFixtures() {
    }

    /** The hub's golden 837P: ISA13 000000123, GS06 123, ST02 000000123, claims ACCT1001 (W123456789) and ACCT1002 (W999). */
    static String golden() {
        try (var in = SimulatorFixtures.class.getResourceAsStream("/x12/005010X222A1/two-claims.837")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String x12) {
        return x12.getBytes(StandardCharsets.US_ASCII);
    }

    static Received837 read(String x12) throws Unreadable837Exception {
        return new Claim837Reader().read(bytes(x12));
    }

    /** An 837P with one transaction set holding the given claims. */
    static byte[] write837(long controlNumber, Claim... claims) {
        ClinicConfig clinic = new ClinicConfig("sunrise", "Sunrise Family Practice", "1234567893", "123456789",
                "207Q00000X", new Address("100 Main St", null, "Springfield", "IL", "627011234"), "11",
                new ClinicConfig.Submitter("Sunrise Family Practice", "SUNRISE01", "Billing Office", "2175551212"),
                List.of("SUNRISE"), Path.of("inbox"), Path.of("outbox"), ClinicConfig.ReplyTo.FOLDER, null);
        PayerConfig payer = new PayerConfig("acme", "ACME HEALTH PLAN", "60054", List.of("ACME"), "CI",
                new PayerConfig.Interchange("ZZ", "SUNRISEHUB", "ZZ", "ACMEHP", "T", null, null),
                new PayerConfig.Batch(5000, Duration.ofMinutes(15)),
                new PayerConfig.Delivery.Folder(Path.of("out")),
                null, PayerConfig.Delimiters.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Claim837Writer().write(new Interchange837(payer, controlNumber, CREATED, "B" + controlNumber,
                    List.of(new TransactionSet837(String.format("%09d", controlNumber), clinic, List.of(claims)))), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Claim claim(String clm01, String memberId, String... lineCharges) {
        Person patient = new Person("Doe", "Jane", null, LocalDate.of(1980, 2, 15), "F",
                new Address("12 Elm St", null, "Springfield", "IL", "627011234"));
        Coverage coverage = new Coverage("IN1 #1", "ACME", "ACME HEALTH PLAN", "GRP100", memberId, "18", patient);
        List<ServiceLine> lines = new java.util.ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lineCharges.length; i++) {
            BigDecimal charge = new BigDecimal(lineCharges[i]);
            total = total.add(charge);
            lines.add(new ServiceLine("FT1 #" + (i + 1), clm01 + "-" + (i + 1), LocalDate.of(2024, 3, 14), "99214",
                    List.of(), BigDecimal.ONE, charge, List.of(1), new Provider("1245319599", "Welby", "Marcus")));
        }
        return new Claim(clm01, total, "1", null, null, null, null, patient, List.of(coverage),
                List.of(new Diagnosis("J209", "DG1 #1")), lines, List.of());
    }
}
