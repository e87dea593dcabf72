package io.claimshub;

import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code convert} command, run in-process as a user would run it, on real-world and generated files. */
class ConvertCommandTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples");

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return ClaimsHub.run(List.of(args), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private List<String> errorLines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void real_world_samples_are_each_converted_or_rejected_with_reasons_never_crashing() throws Exception {
        List<String> args = new ArrayList<>(List.of("convert", "--config", "config", "--clinic", "sunrise", "--out", out.toString()));
        try (Stream<Path> files = Files.list(SAMPLES)) {
            files.filter(f -> !f.getFileName().toString().endsWith(".tsv")).sorted().map(Path::toString).forEach(args::add);
        }

        int status = run(args.toArray(String[]::new));

        assertThat(status).isEqualTo(1);
        List<String> lines = errorLines();
        assertThat(lines).as("one line per real-world message: 14 messages in 12 files").hasSize(14)
                .allSatisfy(line -> assertThat(line).contains(": rejected: ").doesNotContain("Exception"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("DFT-P03-01.hl7 message #1 (MSH-10 MSG00001) claim 4000776: rejected:")
                .contains("FT1 #1: rendering provider NPI 9941339108 fails the check digit")
                .contains("DG1 #1: diagnosis code 29857009 is not an ICD-10-CM code")
                .contains("IN1 #1: insurance company id 'Org-12345' (IN1-3) matches no payer in payers.yaml"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .isEqualTo("ADT-A04-01.hl7 message #1 (MSH-10 MSG00001): rejected: MSH-9: unsupported message type ADT^A04 (expected DFT^P03)"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("dft-example.hl7 message #2 (MSH-10 DSD1184189125): rejected: ")
                .contains("PID: PID-18 account number and PV1-19 visit number are both empty")
                .contains("DG1 #1: diagnosis code 4400 is not an ICD-10-CM code")
                .doesNotContain("claim: patient control number is missing"));
        assertThat(lines).filteredOn(line -> line.contains("unsupported message type")).hasSize(10);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void valid_messages_become_one_837_file_per_payer_and_exit_zero() throws Exception {
        Path batch = out.resolve("in/batch.hl7");
        Files.createDirectories(batch.getParent());
        Files.writeString(batch, Files.readString(Path.of("examples/dft-p03-acme.hl7"))
                + Files.readString(Path.of("examples/dft-p03-acme.hl7")).replace("ACC10001", "ACC10002").replace("MSG0001", "MSG0002")
                .replace("|ACME|ACME HEALTH PLAN|", "|MEDICARE|MEDICARE PART B|"));

        int status = run("convert", "--config", "config", "--out", out.resolve("837").toString(), batch.toString());

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(errorLines()).isEmpty();
        X12TestReader acme = X12TestReader.read(out.resolve("837/acme.837"));
        assertThat(acme.values("CLM", 1)).containsExactly("ACC10001");
        assertThat(acme.values("NM1", 9)).contains("60054");
        X12TestReader medicare = X12TestReader.read(out.resolve("837/medicare.837"));
        assertThat(medicare.values("CLM", 1)).containsExactly("ACC10002");
        assertThat(medicare.values("SBR", 9)).containsExactly("MB");
    }

    @Test
    void a_file_that_cannot_be_read_fails_with_status_2_and_says_why() throws Exception {
        Path notes = out.resolve("notes.txt");
        Files.writeString(notes, "hello\n");

        assertThat(run("convert", "--config", "config", "--clinic", "sunrise", "--out", out.toString(), notes.toString())).isEqualTo(2);
        assertThat(errorLines()).containsExactly("notes.txt: neither HL7 v2 (a file must start with MSH, FHS or BHS)"
                + " nor JSON claims (a file must start with { or [)");
    }

    @Test
    void json_claims_convert_and_a_wrong_field_names_its_path() throws Exception {
        Path claims = out.resolve("claims.json");
        String claim = Files.readString(Path.of("examples/claim.json"));
        Files.writeString(claims, "[" + claim + "," + claim.replace("\"patientControlNumber\"", "\"patientControlNumbr\"") + "]");

        assertThat(run("convert", "--config", "config", "--clinic", "sunrise", "--out", out.toString(), claims.toString())).isEqualTo(1);
        assertThat(errorLines()).containsExactly("claims.json message #2: rejected: claim #2: field 'patientControlNumbr'"
                + " is unknown or has a value of the wrong type");
        assertThat(X12TestReader.read(out.resolve("acme.837")).values("CLM", 1)).containsExactly("ACC20001");
    }

    @Test
    void help_explains_every_command_and_a_wrong_command_line_exits_2() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("run [--config DIR]", "convert [--config DIR] [--clinic ID] --out DIR FILE...");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("convert", "--config", "config", "x.hl7")).isEqualTo(2);
        assertThat(errorLines()).contains("claims-hub: unknown command 'frobnicate'", "claims-hub: convert needs --out DIR");
    }

    @Test
    void oversized_inputs_are_one_line_each_and_never_a_stack_trace() throws Exception {
        Path big = out.resolve("big.hl7");
        String bigMessage = io.claimshub.e2e.Dft.message().controlId("BIG1").clm01("BIG1").build() + "NTE|1||" + "x".repeat(2_000_000);
        Files.writeString(big, bigMessage + "\r" + io.claimshub.e2e.Dft.message().controlId("OK1").clm01("OK1").build());
        Path manyLines = out.resolve("lines.json");
        Files.writeString(manyLines, "[{\"lines\":[" + "{\"procedureCode\":\"99213\"},".repeat(5_000) + "{}]}]");
        Path value = out.resolve("value.json");
        Files.writeString(value, "[{\"patientControlNumber\":\"" + "z".repeat(2_000_000) + "\"}]");

        assertThat(run("convert", "--config", "config", "--clinic", "sunrise", "--out", out.resolve("837").toString(),
                big.toString(), manyLines.toString())).isEqualTo(1);
        assertThat(run("convert", "--config", "config", "--clinic", "sunrise", "--out", out.resolve("837").toString(),
                value.toString())).isEqualTo(2);

        List<String> lines = errorLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("big.hl7 message #1 (MSH-10 BIG1): rejected: message: the message has "
                + bigMessage.length() + " characters; the limit is 1048576: split the charges into several messages");
        assertThat(lines.get(1)).isEqualTo("lines.json message #1: rejected: claim #1: field 'lines' has more than 1000"
                + " entries (the limit); split the claim");
        assertThat(lines.get(2)).matches("value.json: claim #1 has a value longer than 1048576 characters at line 1,"
                + " column \\d+; the file was not read further");
        assertThat(X12TestReader.read(out.resolve("837/acme.837")).values("CLM", 1)).containsExactly("OK1");
    }
}
