package io.claimshub;

import io.claimshub.x12.X12TestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void the_837_files_holding_patient_data_are_written_owner_only() throws Exception {
        Path outDir = out.resolve("new/837");

        int status = run("convert", "--config", "config", "--out", outDir.toString(), "examples/dft-p03-acme.hl7");

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outDir.resolve("acme.837")))).isEqualTo("rw-------");
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
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("run [--config DIR]", "convert [--config DIR] [--clinic ID] [--codesets DIR] --out DIR FILE...");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("convert", "--config", "config", "x.hl7")).isEqualTo(2);
        assertThat(errorLines()).contains("claims-hub: unknown command 'frobnicate'", "claims-hub: convert needs --out DIR");
    }

    @Test
    void a_malformed_code_set_file_gets_one_line_naming_file_and_line_and_status_2() throws Exception {
        Path icd = out.resolve("codesets/icd10cm/icd10cm_order_2026.txt");
        Files.createDirectories(icd.getParent());
        Files.writeString(icd, "00001 J20.9   1 Acute bronchitis\n");

        int status = run("convert", "--config", "config", "--codesets", out.resolve("codesets").toString(),
                "--out", out.resolve("837").toString(), "examples/dft-p03-acme.hl7");

        assertThat(status).isEqualTo(2);
        assertThat(errorLines()).containsExactly("claims-hub: a code-set file cannot be used: " + icd
                + " line 1: 'J20.9' in columns 7-13 is not an ICD-10-CM code");
    }

    @Test
    void a_claim_for_a_paper_payer_is_rejected_with_a_reason_and_the_others_are_converted() throws Exception {
        Path config = out.resolve("config");
        Files.createDirectories(config);
        for (String name : List.of("application.properties", "clinics.yaml")) {
            Files.copy(Path.of("config", name), config.resolve(name));
        }
        Files.writeString(config.resolve("payers.yaml"), Files.readString(Path.of("config/payers.yaml")) + """
                  - id: prairie-auto
                    name: Prairie Auto Insurance
                    payerId: "AUTO1"
                    match: ["PRAIRIEAUTO"]
                    claimFilingIndicator: AM
                    batch: { maxClaims: 200, every: 1h }
                    delivery:
                      type: paper
                      folder: data/paper/prairie-auto
                      address: { line1: PO Box 1500, city: Des Moines, state: IA, zip: "50306" }
                """);
        Path batch = out.resolve("in/batch.hl7");
        Files.createDirectories(batch.getParent());
        String acme = Files.readString(Path.of("examples/dft-p03-acme.hl7"));
        Files.writeString(batch, acme + acme.replace("ACC10001", "ACC10002").replace("MSG0001", "MSG0002")
                .replace("|ACME|ACME HEALTH PLAN|", "|PRAIRIEAUTO|PRAIRIE AUTO|"));

        int status = run("convert", "--config", config.toString(), "--out", out.resolve("837").toString(), batch.toString());

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(errorLines()).containsExactly("batch.hl7 message #2 (MSH-10 MSG0002) claim ACC10002: rejected: "
                + "payer: prairie-auto takes paper claims (CMS-1500), which convert does not print; the running hub prints them");
        assertThat(out.resolve("837")).isDirectoryContaining("glob:**/acme.837").isDirectoryNotContaining("glob:**/prairie-auto.837");
    }

    @Test
    void an_out_that_is_an_existing_file_gets_one_line_and_its_own_exit_status() throws Exception {
        Path readme = Files.writeString(out.resolve("README.md"), "keep me\n");

        int status = run("convert", "--config", "config", "--out", readme.toString(), "examples/dft-p03-acme.hl7");

        assertThat(status).as("not 1, which means some claims were rejected").isEqualTo(3);
        assertThat(errorLines()).containsExactly("claims-hub: --out " + readme + " is a file, not a folder: name a folder");
        assertThat(readme).hasContent("keep me");
    }

    @Test
    void a_missing_input_file_is_called_missing_and_nothing_is_written() throws Exception {
        int status = run("convert", "--config", "config", "--out", out.resolve("837").toString(),
                "examples/dft-p03-acme.hl7", "nosuch.hl7");

        assertThat(status).isEqualTo(2);
        assertThat(errorLines()).containsExactly("no such file: nosuch.hl7");
        assertThat(out.resolve("837")).doesNotExist();
    }

    @Test
    void a_json_file_without_clinic_is_told_to_pass_clinic_not_about_msh_4() throws Exception {
        int status = run("convert", "--config", "config", "--out", out.toString(), "examples/claim.json");

        assertThat(status).isEqualTo(2);
        assertThat(errorLines()).containsExactly("claim.json: JSON claims do not say which clinic sent them: pass --clinic ID");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void a_summary_names_each_file_written_with_its_claims_and_the_rejected_count() throws Exception {
        Path batch = out.resolve("in/batch.hl7");
        Files.createDirectories(batch.getParent());
        String acme = Files.readString(Path.of("examples/dft-p03-acme.hl7"));
        Files.writeString(batch, acme
                + acme.replace("ACC10001", "ACC10002").replace("MSG0001", "MSG0002")
                + acme.replace("ACC10001", "ACC10003").replace("MSG0001", "MSG0003")
                        .replace("|ACME|ACME HEALTH PLAN|", "|MEDICARE|MEDICARE PART B|")
                + acme.replace("ACC10001", "ACC10004").replace("MSG0001", "MSG0004").replace("|ACME|", "|NOSUCHPAYER|"));
        Path target = out.resolve("837");

        int status = run("convert", "--config", "config", "--out", target.toString(), batch.toString());

        assertThat(status).isEqualTo(1);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).as("stdout is not a terminal here: the summary and nothing else")
                .isEqualTo("4 claims -> " + target.resolve("acme.837") + " (2), " + target.resolve("medicare.837")
                        + " (1); 1 rejected" + System.lineSeparator());
        assertThat(errorLines()).singleElement().asString().contains("ACC10004: rejected:");
    }

    @Test
    void a_summary_says_when_no_file_was_written() throws Exception {
        Path notes = Files.writeString(out.resolve("adt.hl7"), Files.readString(SAMPLES.resolve("ADT-A04-01.hl7")));

        assertThat(run("convert", "--config", "config", "--clinic", "sunrise", "--out", out.resolve("837").toString(),
                notes.toString())).isEqualTo(1);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("1 claims -> no file written; 1 rejected"
                + System.lineSeparator());
    }

    @Test
    void oversized_inputs_are_one_line_each_and_never_a_stack_trace() throws Exception {
        Path big = out.resolve("big.hl7");
        String bigMessage = io.claimshub.testing.Dft.message().controlId("BIG1").clm01("BIG1").build() + "NTE|1||" + "x".repeat(2_000_000);
        Files.writeString(big, bigMessage + "\r" + io.claimshub.testing.Dft.message().controlId("OK1").clm01("OK1").build());
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
