package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.claimshub.config.PartnerFiles.CLINIC;
import static io.claimshub.config.PartnerFiles.CLINICS;
import static io.claimshub.config.PartnerFiles.PAYERS;
import static io.claimshub.config.PartnerFiles.clinicProblems;
import static io.claimshub.config.PartnerFiles.edit;
import static io.claimshub.config.PartnerFiles.load;
import static io.claimshub.config.PartnerFiles.payerProblems;
import static io.claimshub.config.PartnerFiles.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading both files: the shipped example, paths, whole-file problems and lookups. */
class PartnerConfigLoaderTest {

    /** The example the README's run command uses, relative to the project root (Maven's working directory). */
    private static final Path SHIPPED_CONFIG = Path.of("config");

    @TempDir
    Path dir;

    @Test
    void loads_the_shipped_example_config() throws ConfigException {
        PartnerConfig config = PartnerConfigLoader.load(SHIPPED_CONFIG, dir);

        assertThat(config.clinics()).extracting(ClinicConfig::id).containsExactly("sunrise");
        ClinicConfig sunrise = config.clinics().get(0);
        assertThat(sunrise.npi()).isEqualTo("1234567893");
        assertThat(sunrise.address().zip()).isEqualTo("627011234");
        assertThat(sunrise.sendingFacilities()).containsExactly("SUNRISE");
        assertThat(sunrise.inbox()).isEqualTo(dir.resolve("data/clinics/sunrise/inbox"));
        assertThat(sunrise.outbox()).isEqualTo(dir.resolve("data/clinics/sunrise/outbox"));
        assertThat(sunrise.replyTo()).isEqualTo(ClinicConfig.ReplyTo.FOLDER);

        assertThat(config.payers()).extracting(PayerConfig::id).containsExactly("acme", "medicare");
        PayerConfig medicare = config.payers().get(1);
        assertThat(medicare.payerId()).isEqualTo("00430");
        assertThat(medicare.claimFilingIndicator()).isEqualTo("MB");
        assertThat(medicare.interchange().usage()).isEqualTo("T");
        assertThat(medicare.batch()).isEqualTo(new PayerConfig.Batch(5000, Duration.ofMinutes(1)));
        assertThat(medicare.delivery()).isEqualTo(new PayerConfig.Delivery.Folder(dir.resolve("data/payers/medicare/inbound")));
        assertThat(medicare.replies()).isEqualTo(new PayerConfig.Replies.Folder(dir.resolve("data/payers/medicare/outbound"),
                Duration.ofMinutes(1)));
        assertThat(medicare.delimiters()).isEqualTo(PayerConfig.Delimiters.DEFAULT);
    }

    @Test
    void resolves_relative_paths_against_the_working_directory_it_is_given() throws ConfigException {
        Path first = dir.resolve("hub-a");
        Path second = dir.resolve("hub-b");

        ClinicConfig fromFirst = PartnerConfigLoader.load(SHIPPED_CONFIG, first).clinics().get(0);
        ClinicConfig fromSecond = PartnerConfigLoader.load(SHIPPED_CONFIG, second).clinics().get(0);

        assertThat(fromFirst.inbox()).isEqualTo(first.resolve("data/clinics/sunrise/inbox"));
        assertThat(fromSecond.inbox()).isEqualTo(second.resolve("data/clinics/sunrise/inbox"));
    }

    @Test
    void keeps_absolute_paths_as_written() throws ConfigException {
        Path absolute = dir.resolve("elsewhere/inbox").toAbsolutePath();

        ClinicConfig clinic = load(dir.resolve("hub"), edit(CLINICS, "inbox: data/clinics/sunrise/inbox",
                "inbox: " + absolute), PAYERS).clinics().get(0);

        assertThat(clinic.inbox()).isEqualTo(absolute);
    }

    @Test
    void reports_every_problem_of_both_files_at_once() {
        String clinics = edit(edit(CLINICS, "\"1234567893\"", "\"1234567890\""), "state: IL", "state: Illinois");
        String payers = edit(edit(PAYERS, "usage: T", "usage: X"), "    payerId: \"60054\"\n", "");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PartnerConfigLoader.load(PartnerFiles.write(dir.resolve("config"), clinics, payers), dir));

        assertThat(e.problems()).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'npi': 1234567890 fails the NPI check digit",
                "clinics.yaml: clinic 'sunrise': key 'address.state': 'Illinois' must be the 2-letter state code, like IL",
                "payers.yaml: payer 'acme': missing required key 'payerId'",
                "payers.yaml: payer 'acme': key 'interchange.usage': 'X' must be T (test) or P (production)");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }

    @Test
    void reports_both_files_missing_and_where_it_looked() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> PartnerConfigLoader.load(dir.resolve("nowhere"), dir));

        String folder = dir.resolve("nowhere").toAbsolutePath().toString();
        assertThat(e.problems()).containsExactly(
                "clinics.yaml: not found in " + folder + "; point --config or CLAIMSHUB_CONFIG at the folder that"
                        + " holds clinics.yaml and payers.yaml",
                "payers.yaml: not found in " + folder + "; point --config or CLAIMSHUB_CONFIG at the folder that"
                        + " holds clinics.yaml and payers.yaml");
    }

    @Test
    void rejects_an_empty_file() {
        assertThat(clinicProblems(dir, "# nothing yet\n")).containsExactly(
                "clinics.yaml: the file is empty; it needs a top-level 'clinics:' list");
    }

    @Test
    void rejects_a_file_without_the_top_level_list() {
        assertThat(payerProblems(dir, PAYERS.replace("payers:", "payer:"))).containsExactly(
                "payers.yaml: unknown top-level key 'payer' (known keys: payers)",
                "payers.yaml: missing top-level 'payers:' list");
    }

    @Test
    void rejects_an_empty_list() {
        assertThat(payerProblems(dir, "payers: []\n")).containsExactly(
                "payers.yaml: the 'payers:' list is empty; add at least one payer");
    }

    @Test
    void rejects_a_list_written_without_its_top_level_key() {
        assertThat(clinicProblems(dir, CLINIC)).containsExactly(
                "clinics.yaml: must start with 'clinics:' followed by the list of clinics");
    }

    @Test
    void rejects_a_top_level_key_that_is_not_a_list() {
        assertThat(clinicProblems(dir, "clinics: sunrise\n")).containsExactly(
                "clinics.yaml: 'clinics:' must be a list, each clinic starting with '- id:'");
    }

    @Test
    void rejects_a_list_entry_that_is_not_a_map() {
        assertThat(clinicProblems(dir, CLINICS + "  - north\n")).containsExactly(
                "clinics.yaml: clinic #2: must be a map of keys starting with 'id:'");
    }

    @Test
    void names_the_file_and_line_of_a_yaml_syntax_error() {
        String badIndent = edit(CLINICS, "    npi:", "   npi:");

        assertThat(clinicProblems(dir, badIndent)).singleElement().asString()
                .startsWith("clinics.yaml: line 4, column 4: YAML syntax error: ");
    }

    @Test
    void names_the_line_of_a_key_written_twice() {
        String twice = edit(CLINICS, "    taxId:", "    npi: \"1245319599\"\n    taxId:");

        assertThat(clinicProblems(dir, twice)).containsExactly(
                "clinics.yaml: line 5: key 'npi' appears twice in the same map");
    }

    @Test
    void rejects_a_second_yaml_document() {
        assertThat(clinicProblems(dir, CLINICS + "---\nclinics: []\n")).containsExactly(
                "clinics.yaml: line 15: a second YAML document ('---') starts here; keep everything in one document");
    }

    @Test
    void finds_the_payer_for_an_in1_company_id_whatever_its_case() throws ConfigException {
        PartnerConfig config = PartnerConfigLoader.load(SHIPPED_CONFIG, dir);

        assertThat(config.payerForCompanyId("acme")).map(PayerConfig::id).contains("acme");
        assertThat(config.payerForCompanyId(" 00430 ")).map(PayerConfig::id).contains("medicare");
        assertThat(config.payerForCompanyId("Medicare")).map(PayerConfig::id).contains("medicare");
        assertThat(config.payerForCompanyId("AETNA")).isEmpty();
        assertThat(config.payerForCompanyId(null)).isEmpty();
    }

    @Test
    void finds_the_clinic_for_an_msh4_sending_facility_whatever_its_case() throws ConfigException {
        PartnerConfig config = PartnerConfigLoader.load(SHIPPED_CONFIG, dir);

        assertThat(config.clinicForSendingFacility("sunrise")).map(ClinicConfig::id).contains("sunrise");
        assertThat(config.clinicForSendingFacility("NORTH")).isEmpty();
        assertThat(config.clinicForSendingFacility(null)).isEmpty();
    }

    @Test
    void takes_the_config_dir_from_the_command_line_first() {
        Map<String, String> env = Map.of(PartnerConfigLoader.CONFIG_DIR_ENV, "/etc/claimshub");

        assertThat(PartnerConfigLoader.resolveConfigDir("/srv/hub/config", env::get)).isEqualTo(Path.of("/srv/hub/config"));
        assertThat(PartnerConfigLoader.resolveConfigDir(null, env::get)).isEqualTo(Path.of("/etc/claimshub"));
        assertThat(PartnerConfigLoader.resolveConfigDir(" ", name -> null)).isEqualTo(Path.of("config"));
    }

    @Test
    void reads_the_files_as_utf8() throws ConfigException {
        Path config = PartnerFiles.write(dir.resolve("config"),
                edit(CLINICS, "name: Sunrise Family Practice\n", "name: Clínica Sunrise\n"), PAYERS);

        assertThat(PartnerConfigLoader.load(config, dir).clinics().get(0).name()).isEqualTo("Clínica Sunrise");
    }

    @Test
    void reports_an_empty_list_in_each_file() {
        assertThat(problems(dir, "clinics: []\n", "payers: []\n")).containsExactly(
                "clinics.yaml: the 'clinics:' list is empty; add at least one clinic",
                "payers.yaml: the 'payers:' list is empty; add at least one payer");
    }
}
