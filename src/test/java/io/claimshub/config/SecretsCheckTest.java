package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.claimshub.config.PartnerFiles.CLINICS;
import static io.claimshub.config.PartnerFiles.FOLDER_DELIVERY;
import static io.claimshub.config.PartnerFiles.PAYERS;
import static io.claimshub.config.PartnerFiles.SFTP_DELIVERY;
import static io.claimshub.config.PartnerFiles.clinicProblems;
import static io.claimshub.config.PartnerFiles.edit;
import static io.claimshub.config.PartnerFiles.payerProblems;
import static org.assertj.core.api.Assertions.assertThat;

/** Secrets are never written in the partner files, and never repeated in a message when they are. */
class SecretsCheckTest {

    @TempDir
    Path dir;

    @Test
    void rejects_a_password_in_an_sftp_delivery_without_repeating_it() {
        List<String> problems = payerProblems(dir, edit(PAYERS, FOLDER_DELIVERY,
                edit(SFTP_DELIVERY, "username: sunrise,", "username: sunrise, password: hunter2,")));

        assertThat(problems).containsExactly("payers.yaml: payer 'acme': key 'delivery.password': secrets never go in"
                + " payers.yaml; name an environment variable with 'passwordEnv' or a file with 'passwordFile'");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    }

    @Test
    void rejects_a_token_in_http_auth() {
        assertThat(payerProblems(dir, edit(PAYERS, FOLDER_DELIVERY, "delivery: { type: http, url: https://api.acme.example,"
                + " auth: { type: bearer, tokenEnv: ACME_TOKEN, token: abc123 } }"))).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.auth.token': secrets never go in payers.yaml;"
                        + " name the environment variable that holds it with 'tokenEnv'");
    }

    @Test
    void rejects_an_inline_private_key() {
        assertThat(payerProblems(dir, edit(PAYERS, FOLDER_DELIVERY, edit(SFTP_DELIVERY,
                "privateKeyFile: secrets/acme_ed25519", "privateKeyFile: secrets/acme_ed25519, privateKey: AAAAC3Nz"))))
                .containsExactly("payers.yaml: payer 'acme': key 'delivery.privateKey': secrets never go in payers.yaml;"
                        + " save the key in a file and name it with 'privateKeyFile'");
    }

    @Test
    void rejects_a_private_key_pasted_where_its_file_name_belongs() {
        String delivery = edit(SFTP_DELIVERY, "privateKeyFile: secrets/acme_ed25519",
                "privateKeyFile: \"-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA\"");

        List<String> problems = payerProblems(dir, edit(PAYERS, FOLDER_DELIVERY, delivery));

        assertThat(problems).containsExactly("payers.yaml: payer 'acme': key 'delivery.privateKeyFile': holds a private"
                + " key itself; secrets never go in payers.yaml; save the key in a file and name it with 'privateKeyFile'");
        assertThat(String.join("\n", problems)).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA");
    }

    @Test
    void finds_a_secret_inside_an_unknown_section() {
        assertThat(payerProblems(dir, PAYERS + "    portal: { user: sunrise, secret: xyz }\n")).containsExactly(
                "payers.yaml: payer 'acme': key 'portal.secret': secrets never go in payers.yaml; name an environment"
                        + " variable with 'passwordEnv' or a file with 'passwordFile'",
                "payers.yaml: payer 'acme': unknown key 'portal' (known keys: id, name, payerId, match,"
                        + " claimFilingIndicator, interchange, batch, delivery, replies, delimiters, timelyFilingDays, segmentSeparatorNewline)");
    }

    @Test
    void finds_a_secret_in_clinics_yaml() {
        assertThat(clinicProblems(dir, CLINICS + "    apiKey: k-123\n")).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'apiKey': secrets never go in clinics.yaml;"
                        + " name the environment variable that holds it with 'tokenEnv'");
    }

    @Test
    void finds_a_secret_at_the_top_of_a_file() {
        assertThat(clinicProblems(dir, "password: hunter2\n" + CLINICS)).containsExactly(
                "clinics.yaml: unknown top-level key 'password' (known keys: clinics)",
                "clinics.yaml: key 'password': secrets never go in clinics.yaml; name an environment variable"
                        + " with 'passwordEnv' or a file with 'passwordFile'");
    }
}
