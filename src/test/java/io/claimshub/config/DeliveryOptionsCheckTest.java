package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.claimshub.config.PartnerFiles.CLINICS;
import static io.claimshub.config.PartnerFiles.FOLDER_DELIVERY;
import static io.claimshub.config.PartnerFiles.FOLDER_REPLIES;
import static io.claimshub.config.PartnerFiles.PAYERS;
import static io.claimshub.config.PartnerFiles.SFTP_DELIVERY;
import static io.claimshub.config.PartnerFiles.edit;
import static io.claimshub.config.PartnerFiles.load;
import static io.claimshub.config.PartnerFiles.payerProblems;
import static org.assertj.core.api.Assertions.assertThat;

/** The sending options of sftp and http deliveries (docs/configuration.md, "delivery"): defaults, values, mistakes. */
class DeliveryOptionsCheckTest {

    private static final String SFTP = SFTP_DELIVERY.substring(0, SFTP_DELIVERY.length() - 2);
    private static final String HTTP = "delivery: { type: http, url: https://api.acme.example/claims";

    @TempDir
    Path dir;

    private PayerConfig.Delivery delivery(String delivery) throws ConfigException {
        return load(dir, CLINICS, edit(PAYERS, FOLDER_DELIVERY, delivery)).payers().get(0).delivery();
    }

    private List<String> problems(String delivery) {
        return payerProblems(dir, edit(PAYERS, FOLDER_DELIVERY, delivery));
    }

    @Test
    void an_sftp_delivery_renames_creates_its_directory_keeps_the_hub_file_name_and_retries_eight_times_by_default()
            throws ConfigException {
        PayerConfig.Delivery.Sftp sftp = (PayerConfig.Delivery.Sftp) delivery(SFTP_DELIVERY);

        assertThat(sftp.rename()).isTrue();
        assertThat(sftp.createDirectory()).isTrue();
        assertThat(sftp.sending()).isEqualTo(new PayerConfig.Sending("{file}", Duration.ofSeconds(30),
                Duration.ofSeconds(60), new PayerConfig.Retry(8, Duration.ofSeconds(30), Duration.ofMinutes(30))));
    }

    @Test
    void reads_every_sftp_sending_option() throws ConfigException {
        PayerConfig.Delivery.Sftp sftp = (PayerConfig.Delivery.Sftp) delivery(SFTP + ", rename: false,"
                + " createDirectory: false, fileName: \"{payer}_{isa13}_{timestamp}.x12\", connectTimeout: 5s,"
                + " readTimeout: 2m, retry: { maxAttempts: 3, initialDelay: 1m, maxDelay: 1h } }");

        assertThat(sftp.rename()).isFalse();
        assertThat(sftp.createDirectory()).isFalse();
        assertThat(sftp.sending()).isEqualTo(new PayerConfig.Sending("{payer}_{isa13}_{timestamp}.x12",
                Duration.ofSeconds(5), Duration.ofMinutes(2),
                new PayerConfig.Retry(3, Duration.ofMinutes(1), Duration.ofHours(1))));
    }

    @Test
    void reads_the_http_timeout_retry_and_trust_store() throws ConfigException {
        PayerConfig.Delivery.Http http = (PayerConfig.Delivery.Http) delivery(HTTP + ", timeout: 45s,"
                + " retry: { maxAttempts: 5 }, trustStoreFile: secrets/acme-trust.p12,"
                + " trustStorePasswordEnv: ACME_TRUST_PASSWORD }");

        assertThat(http.sending().readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(http.sending().retry()).isEqualTo(new PayerConfig.Retry(5, Duration.ofSeconds(30), Duration.ofMinutes(30)));
        assertThat(http.trustStoreFile()).isEqualTo(dir.resolve("secrets/acme-trust.p12"));
        assertThat(http.trustStorePasswordEnv()).isEqualTo("ACME_TRUST_PASSWORD");
    }

    @Test
    void rejects_a_rename_that_is_not_true_or_false() {
        assertThat(problems(SFTP + ", rename: sometimes }")).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.rename': 'sometimes' must be true or false");
    }

    @Test
    void rejects_a_file_name_with_an_unknown_placeholder_or_a_folder() {
        assertThat(problems(SFTP + ", fileName: \"{clinic}.837\" }")).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.fileName': '{clinic}.837' has an unknown placeholder;"
                        + " use {file}, {name}, {payer}, {isa13}, {timestamp}");
        assertThat(problems(SFTP + ", fileName: \"in/{file}\" }")).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.fileName': 'in/{file}' must be a plain file name"
                        + " (no folders, not starting with a dot)");
    }

    @Test
    void rejects_retry_settings_that_cannot_work_and_unknown_retry_keys() {
        assertThat(problems(SFTP + ", retry: { maxAttempts: 0, initialDelay: 1h, maxDelay: 1m, backoff: 2 } }"))
                .containsExactlyInAnyOrder(
                        "payers.yaml: payer 'acme': unknown key 'delivery.retry.backoff' (known keys: maxAttempts, initialDelay, maxDelay)",
                        "payers.yaml: payer 'acme': key 'delivery.retry.maxAttempts': 0 must be a whole number from 1 to 1000",
                        "payers.yaml: payer 'acme': key 'delivery.retry.maxDelay': must not be shorter than initialDelay");
    }

    @Test
    void still_reports_keys_a_delivery_type_does_not_use() {
        assertThat(problems(HTTP + ", rename: false }")).singleElement().asString()
                .startsWith("payers.yaml: payer 'acme': unknown key 'delivery.rename' (known keys: type, url, auth,");
        assertThat(problems(SFTP + ", timeout: 5s }")).singleElement().asString()
                .startsWith("payers.yaml: payer 'acme': unknown key 'delivery.timeout' (known keys: type, host,");
    }

    @Test
    void rejects_a_trust_store_password_without_a_trust_store_and_a_password_written_inline() {
        assertThat(problems(HTTP + ", trustStorePasswordEnv: ACME_TRUST_PASSWORD }")).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.trustStorePasswordEnv': is given without trustStoreFile;"
                        + " name the trust store file too");
        assertThat(problems(HTTP + ", trustStoreFile: t.p12, trustStorePassword: changeit }")).singleElement().asString()
                .contains("key 'delivery.trustStorePassword': secrets never go in payers.yaml");
    }

    @Test
    void replies_do_not_take_the_sending_options() {
        assertThat(payerProblems(dir, edit(edit(PAYERS, FOLDER_DELIVERY, SFTP_DELIVERY), FOLDER_REPLIES,
                "replies: { type: sftp, directory: /outbound, rename: false }"))).singleElement().asString()
                .startsWith("payers.yaml: payer 'acme': unknown key 'replies.rename'");
    }
}
