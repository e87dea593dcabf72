package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerConfigLoaderTest {

    private static final String CLINIC = """
            clinics:
              - id: sunrise
                name: Sunrise Family Practice
                npi: "1234567893"
                taxId: "123456789"
                address: { line1: 100 Main St, city: Springfield, state: IL, zip: "627011234" }
                submitter: { name: Sunrise, id: SUNRISE01, contact: Billing, phone: "2175551212" }
                sendingFacilities: [SUNRISE]
                inbox: data/sunrise/inbox
                outbox: data/sunrise/outbox
                replyTo: folder
            """;
    private static final String PAYER = """
            payers:
              - id: acme
                name: ACME HEALTH PLAN
                payerId: "60054"
                match: ["ACME", "60054"]
                claimFilingIndicator: CI
                interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ, receiverId: ACMEHP, usage: T }
                batch: { maxClaims: 100, every: 30s }
                delivery: { type: folder, path: data/acme/inbound }
            """;

    @TempDir
    Path dir;

    @Test
    void the_shipped_example_config_loads() throws Exception {
        PartnerConfig config = PartnerConfigLoader.load(Path.of("config"), dir);

        assertThat(config.clinics()).extracting(ClinicConfig::id).containsExactly("sunrise");
        assertThat(config.payers()).extracting(PayerConfig::id).containsExactly("acme", "medicare");
        assertThat(config.clinics().get(0).inbox()).isEqualTo(dir.resolve("data/clinics/sunrise/inbox"));
    }

    @Test
    void a_valid_config_gets_its_defaults_and_paths_resolved_against_the_work_dir() throws Exception {
        PartnerConfig config = load(CLINIC, PAYER);
        ClinicConfig clinic = config.clinics().get(0);
        PayerConfig payer = config.payers().get(0);

        assertThat(clinic.placeOfService()).isEqualTo("11");
        assertThat(clinic.outbox()).isEqualTo(dir.resolve("work/data/sunrise/outbox"));
        assertThat(payer.batch()).isEqualTo(new PayerConfig.Batch(100, Duration.ofSeconds(30)));
        assertThat(payer.delivery().path()).isEqualTo(dir.resolve("work/data/acme/inbound"));
        assertThat(payer.delimiters()).isEqualTo(PayerConfig.Delimiters.DEFAULT);
    }

    @Test
    void two_work_dirs_never_share_paths() throws Exception {
        write(CLINIC, PAYER);
        PartnerConfig one = PartnerConfigLoader.load(dir, dir.resolve("one"));
        PartnerConfig two = PartnerConfigLoader.load(dir, dir.resolve("two"));

        assertThat(one.clinics().get(0).inbox()).isNotEqualTo(two.clinics().get(0).inbox());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "npi: \"1234567893\"|npi: \"1234567890\"|clinics.yaml: clinic 'sunrise': key 'npi': 1234567890 fails the NPI check digit",
            "taxId: \"123456789\"|taxId: \"12-3456789\"|clinics.yaml: clinic 'sunrise': key 'taxId': '12-3456789' must be the 9-digit EIN",
            "zip: \"627011234\"|zip: \"62701\"|clinics.yaml: clinic 'sunrise': key 'address': key 'zip': '62701' must be the 9-digit ZIP+4 (the billing provider needs ZIP+4)",
            "line1: 100 Main St|line1: PO Box 12|clinics.yaml: clinic 'sunrise': key 'address': key 'line1': the billing provider address must be a street address, not a PO box",
            "state: IL|state: Illinois|clinics.yaml: clinic 'sunrise': key 'address': key 'state': 'Illinois' must be a 2-letter state code",
            "replyTo: folder|replyTo: fax|clinics.yaml: clinic 'sunrise': key 'replyTo': 'fax' must be folder, http or mllp",
            "replyTo: folder|replyTo: http|clinics.yaml: clinic 'sunrise': key 'replyUrl': is required when replyTo is http",
            "id: sunrise|id: Sunrise_1|clinics.yaml: clinic 'Sunrise_1': key 'id': 'Sunrise_1' may only contain a-z, 0-9 and '-'",
            "    npi: \"1234567893\"|    npii: \"1234567893\"|clinics.yaml: clinic 'sunrise': missing required key 'npi'",
    })
    void clinic_problems_name_the_file_the_clinic_and_the_key(String from, String to, String problem) throws Exception {
        assertThatThrownBy(() -> load(CLINIC.replace(from, to), PAYER))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(problem));
    }

    @Test
    void an_unknown_key_is_reported_with_the_known_ones() {
        assertThatThrownBy(() -> load(CLINIC.replace("replyTo: folder", "replyTo: folder\n    fax: \"555\""), PAYER))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("clinics.yaml: clinic 'sunrise': unknown key 'fax' (known keys: address, id, inbox,"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "usage: T|usage: X|payers.yaml: payer 'acme': key 'interchange': key 'usage': 'X' must be T (test) or P (production)",
            "claimFilingIndicator: CI|claimFilingIndicator: XX|payers.yaml: payer 'acme': key 'claimFilingIndicator': 'XX' is not an SBR09 claim filing indicator code",
            "maxClaims: 100|maxClaims: 9000|payers.yaml: payer 'acme': key 'batch': key 'maxClaims': 9000 is outside 1..5000",
            "every: 30s|every: soon|payers.yaml: payer 'acme': key 'batch': key 'every': 'soon' is not a duration like 500ms, 1s, 15m or 1h",
            "senderId: SUNRISEHUB|senderId: SUNRISEHUBTOOLONG1|payers.yaml: payer 'acme': key 'interchange': key 'senderId': 'SUNRISEHUBTOOLONG1' must be at most 15 characters",
            "type: folder, path: data/acme/inbound|type: ftp|payers.yaml: payer 'acme': key 'delivery': key 'type': 'ftp' must be folder, sftp or http",
            "type: folder, path: data/acme/inbound|type: sftp, host: h, username: u, directory: /in, knownHostsFile: kh|payers.yaml: payer 'acme': key 'delivery': key 'privateKeyFile': give exactly one of privateKeyFile, passwordEnv or passwordFile",
            "type: folder, path: data/acme/inbound|type: sftp, host: h, username: u, directory: /in, passwordEnv: P|payers.yaml: payer 'acme': key 'delivery': missing required key 'knownHostsFile'",
            "type: folder, path: data/acme/inbound|type: http, url: 'https://x', password: hunter2|payers.yaml: payer 'acme': key 'delivery': key 'password': secrets are never written in the config; name an environment variable (passwordEnv, tokenEnv) or a file (passwordFile, privateKeyFile) instead",
    })
    void payer_problems_name_the_file_the_payer_and_the_key(String from, String to, String problem) {
        assertThatThrownBy(() -> load(CLINIC, PAYER.replace(from, to)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(problem));
    }

    @Test
    void duplicate_ids_facilities_and_payer_matches_are_all_reported_together() {
        String twoClinics = CLINIC + CLINIC.substring(CLINIC.indexOf("  - id")).replace("npi: \"1234567893\"", "npi: \"1\"");
        String twoPayers = PAYER + PAYER.substring(PAYER.indexOf("  - id")).replace("id: acme", "id: acme2");

        assertThatThrownBy(() -> load(twoClinics, twoPayers))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "clinics.yaml: clinic 'sunrise': key 'id': 'sunrise' is used by clinic #1 too",
                        "clinics.yaml: clinic 'sunrise': key 'npi': 1 fails the NPI check digit",
                        "payers.yaml: payer 'acme2': key 'match': IN1-3 company id 'ACME' is already used by payer 'acme'",
                        "payers.yaml: payer 'acme2': key 'match': IN1-3 company id '60054' is already used by payer 'acme'"));
    }

    @Test
    void a_sending_facility_claimed_by_two_clinics_is_refused() {
        String second = CLINIC.substring(CLINIC.indexOf("  - id")).replace("id: sunrise", "id: moon")
                .replace("[SUNRISE]", "[sunrise]");
        assertThatThrownBy(() -> load(CLINIC + second, PAYER))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "clinics.yaml: clinic 'moon': key 'sendingFacilities': MSH-4 value 'sunrise' is already used by clinic 'sunrise'"));
    }

    @Test
    void missing_empty_and_broken_files_are_named() throws IOException {
        Files.writeString(dir.resolve("clinics.yaml"), "");
        Files.writeString(dir.resolve("payers.yaml"), "payers: [ {id: acme\n");
        assertThatThrownBy(() -> PartnerConfigLoader.load(dir, dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems().get(0)).isEqualTo("clinics.yaml: the file is empty");
                    assertThat(e.problems().get(1)).startsWith("payers.yaml: not valid YAML at line");
                });
        assertThatThrownBy(() -> PartnerConfigLoader.load(dir.resolve("nowhere"), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().get(0))
                        .startsWith("clinics.yaml: missing (looked in"));
    }

    @Test
    void sftp_replies_inherit_the_delivery_connection() throws Exception {
        String sftp = PAYER.replace("type: folder, path: data/acme/inbound",
                "type: sftp, host: sftp.acme.example, username: sunrise, directory: /inbound, knownHostsFile: kh, privateKeyFile: key")
                + "    replies: { type: sftp, directory: /outbound }\n";
        PayerConfig payer = load(CLINIC, sftp).payers().get(0);

        assertThat(payer.delivery().port()).isEqualTo(22);
        assertThat(payer.replies().host()).isEqualTo("sftp.acme.example");
        assertThat(payer.replies().privateKeyFile()).isEqualTo(dir.resolve("work/key"));
        assertThat(payer.replies().every()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void custom_delimiters_must_be_distinct_single_characters() throws Exception {
        PayerConfig payer = load(CLINIC, PAYER + "    delimiters: { element: '|', component: '>', repetition: '`', segment: \"'\" }\n")
                .payers().get(0);
        assertThat(payer.delimiters()).isEqualTo(new PayerConfig.Delimiters('|', '>', '`', '\''));

        assertThatThrownBy(() -> load(CLINIC, PAYER + "    delimiters: { element: '|', component: '|' }\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "payers.yaml: payer 'acme': key 'delimiters': key 'element': the four delimiters must all be different"));
    }

    @Test
    void lookups_by_msh4_and_in13_ignore_case() throws Exception {
        PartnerConfig config = load(CLINIC, PAYER);

        assertThat(config.clinicForSendingFacility("sunrise")).map(ClinicConfig::id).contains("sunrise");
        assertThat(config.payerForCompanyId("acme")).map(PayerConfig::id).contains("acme");
        assertThat(config.payerForCompanyId("BCBS")).isEmpty();
        assertThat(config.clinicForSendingFacility(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, PT0.5S", "1s, PT1S", "15m, PT15M", "1h, PT1H", "2h30m, PT2H30M"})
    void durations_read_as_written(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"15", "m15", "1d", "0s", "1h 30m"})
    void anything_else_is_not_a_duration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    private PartnerConfig load(String clinics, String payers) throws Exception {
        write(clinics, payers);
        return PartnerConfigLoader.load(dir, dir.resolve("work"));
    }

    private void write(String clinics, String payers) throws IOException {
        Files.writeString(dir.resolve("clinics.yaml"), clinics);
        Files.writeString(dir.resolve("payers.yaml"), payers);
    }
}
