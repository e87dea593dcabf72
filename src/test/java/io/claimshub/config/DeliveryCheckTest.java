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

/** A payer's delivery and replies settings (docs/configuration.md), one broken key per case. */
class DeliveryCheckTest {

    @TempDir
    Path dir;

    private PayerConfig payerWith(String delivery, String replies) throws ConfigException {
        return load(dir, CLINICS, edit(edit(PAYERS, FOLDER_DELIVERY, delivery), FOLDER_REPLIES, replies)).payers().get(0);
    }

    private List<String> problemsWith(String delivery, String replies) {
        return payerProblems(dir, edit(edit(PAYERS, FOLDER_DELIVERY, delivery), FOLDER_REPLIES, replies));
    }

    @Test
    void reads_a_folder_delivery_against_the_working_directory() throws ConfigException {
        PayerConfig payer = payerWith(FOLDER_DELIVERY, FOLDER_REPLIES);

        assertThat(payer.delivery()).isEqualTo(new PayerConfig.Delivery.Folder(dir.resolve("data/payers/acme/inbound")));
        assertThat(payer.replies()).isEqualTo(new PayerConfig.Replies.Folder(dir.resolve("data/payers/acme/outbound"),
                Duration.ofMinutes(1)));
    }

    @Test
    void needs_a_path_for_a_folder_delivery() {
        assertThat(problemsWith("delivery: { type: folder }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'delivery.path'");
    }

    @Test
    void rejects_keys_that_the_delivery_type_does_not_use() {
        assertThat(problemsWith("delivery: { type: folder, path: out, host: sftp.acme.example }", FOLDER_REPLIES))
                .containsExactly("payers.yaml: payer 'acme': unknown key 'delivery.host' (known keys: type, path)");
    }

    @Test
    void rejects_a_delivery_type_that_does_not_exist() {
        assertThat(problemsWith("delivery: { type: ftp, host: ftp.acme.example }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.type': 'ftp' is not a delivery type; use folder, sftp, http or paper");
    }

    @Test
    void rejects_a_delivery_without_a_type() {
        assertThat(problemsWith("delivery: { path: out }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'delivery.type'");
    }

    @Test
    void reads_an_sftp_delivery_with_port_22_by_default() throws ConfigException {
        PayerConfig.Delivery sftp = payerWith(SFTP_DELIVERY, FOLDER_REPLIES).delivery();

        assertThat(sftp).isEqualTo(new PayerConfig.Delivery.Sftp(new PayerConfig.SftpAccount("sftp.acme.example", 22,
                "sunrise", dir.resolve("secrets/acme_ed25519"), null, null, dir.resolve("secrets/known_hosts")),
                "/inbound"));
    }

    @Test
    void reports_every_missing_sftp_key_at_once() {
        assertThat(problemsWith("delivery: { type: sftp, passwordEnv: ACME_SFTP_PASSWORD }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'delivery.host'",
                "payers.yaml: payer 'acme': missing required key 'delivery.username'",
                "payers.yaml: payer 'acme': missing required key 'delivery.knownHostsFile'",
                "payers.yaml: payer 'acme': missing required key 'delivery.directory'");
    }

    @Test
    void needs_one_way_to_log_in_to_sftp() {
        assertThat(problemsWith(edit(SFTP_DELIVERY, " privateKeyFile: secrets/acme_ed25519,", ""), FOLDER_REPLIES))
                .containsExactly("payers.yaml: payer 'acme': key 'delivery': needs one of privateKeyFile, passwordEnv"
                        + " or passwordFile to log in");
    }

    @Test
    void rejects_two_ways_to_log_in_to_sftp() {
        assertThat(problemsWith(edit(SFTP_DELIVERY, "username: sunrise,", "username: sunrise, passwordEnv: ACME_PW,"),
                FOLDER_REPLIES)).containsExactly("payers.yaml: payer 'acme': key 'delivery': gives privateKeyFile and"
                + " passwordEnv; give exactly one of privateKeyFile, passwordEnv or passwordFile");
    }

    @Test
    void never_repeats_a_password_written_where_its_variable_name_belongs() {
        String delivery = edit(SFTP_DELIVERY, " privateKeyFile: secrets/acme_ed25519,", " passwordEnv: \"s3cr3t!pw\",");

        assertThat(problemsWith(delivery, FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.passwordEnv': must be the name of an environment variable"
                        + " (letters, digits and _), not the secret itself");
    }

    @Test
    void rejects_an_sftp_port_out_of_range() {
        assertThat(problemsWith(edit(SFTP_DELIVERY, "username:", "port: 0, username:"), FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.port': 0 must be a whole number from 1 to 65535");
    }

    @Test
    void reads_an_http_delivery_with_a_bearer_token_named_by_environment_variable() throws ConfigException {
        PayerConfig.Delivery http = payerWith("delivery: { type: http, url: https://api.acme.example/claims,"
                + " auth: { type: bearer, tokenEnv: ACME_TOKEN } }", "replies: { type: http }").delivery();

        assertThat(http).isEqualTo(new PayerConfig.Delivery.Http("https://api.acme.example/claims",
                new PayerConfig.Auth.Bearer("ACME_TOKEN")));
    }

    @Test
    void reads_an_http_delivery_with_basic_auth() throws ConfigException {
        PayerConfig.Delivery http = payerWith("delivery: { type: http, url: https://api.acme.example/claims,"
                + " auth: { type: basic, usernameEnv: ACME_USER, passwordEnv: ACME_PASSWORD } }", FOLDER_REPLIES).delivery();

        assertThat(http).isEqualTo(new PayerConfig.Delivery.Http("https://api.acme.example/claims",
                new PayerConfig.Auth.Basic("ACME_USER", "ACME_PASSWORD")));
    }

    @Test
    void needs_a_url_for_an_http_delivery() {
        assertThat(problemsWith("delivery: { type: http }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'delivery.url'");
    }

    @Test
    void rejects_a_url_carrying_credentials_without_repeating_it() {
        assertThat(problemsWith("delivery: { type: http, url: \"https://sunrise:pw@api.acme.example/claims\" }",
                FOLDER_REPLIES)).containsExactly("payers.yaml: payer 'acme': key 'delivery.url': must not carry a user"
                + " name or password; name them with 'auth' instead");
    }

    @Test
    void needs_both_variables_for_basic_auth() {
        assertThat(problemsWith("delivery: { type: http, url: https://api.acme.example/claims,"
                + " auth: { type: basic, usernameEnv: ACME_USER } }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'delivery.auth.passwordEnv'");
    }

    @Test
    void rejects_an_auth_type_that_does_not_exist() {
        assertThat(problemsWith("delivery: { type: http, url: https://api.acme.example/claims,"
                + " auth: { type: oauth } }", FOLDER_REPLIES)).containsExactly(
                "payers.yaml: payer 'acme': key 'delivery.auth.type': 'oauth' is not an auth type;"
                        + " use bearer (tokenEnv) or basic (usernameEnv, passwordEnv)");
    }

    @Test
    void sftp_replies_share_the_connection_of_an_sftp_delivery() throws ConfigException {
        PayerConfig.Replies replies = payerWith(edit(SFTP_DELIVERY, "username:", "port: 2222, username:"),
                "replies: { type: sftp, directory: /outbound }").replies();

        assertThat(replies).isEqualTo(new PayerConfig.Replies.Sftp(new PayerConfig.SftpAccount("sftp.acme.example",
                2222, "sunrise", dir.resolve("secrets/acme_ed25519"), null, null, dir.resolve("secrets/known_hosts")),
                "/outbound", Duration.ofMinutes(5)));
    }

    @Test
    void sftp_replies_may_use_their_own_account() throws ConfigException {
        PayerConfig.Replies replies = payerWith(SFTP_DELIVERY, "replies: { type: sftp, username: replies,"
                + " passwordFile: /run/secrets/acme_replies, directory: /outbound, every: 30s }").replies();

        assertThat(replies).isEqualTo(new PayerConfig.Replies.Sftp(new PayerConfig.SftpAccount("sftp.acme.example",
                22, "replies", null, null, Path.of("/run/secrets/acme_replies"), dir.resolve("secrets/known_hosts")),
                "/outbound", Duration.ofSeconds(30)));
    }

    @Test
    void sftp_replies_without_an_sftp_delivery_need_their_own_connection() {
        assertThat(problemsWith(FOLDER_DELIVERY, "replies: { type: sftp, directory: /outbound }")).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'replies.host'",
                "payers.yaml: payer 'acme': missing required key 'replies.username'",
                "payers.yaml: payer 'acme': missing required key 'replies.knownHostsFile'",
                "payers.yaml: payer 'acme': key 'replies': needs one of privateKeyFile, passwordEnv or passwordFile to log in");
    }

    @Test
    void sftp_replies_still_need_their_own_directory() {
        assertThat(problemsWith(SFTP_DELIVERY, "replies: { type: sftp }")).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'replies.directory'");
    }

    @Test
    void needs_a_path_for_folder_replies() {
        assertThat(problemsWith(FOLDER_DELIVERY, "replies: { type: folder, every: 1m }")).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'replies.path'");
    }

    @Test
    void polls_folder_replies_every_five_minutes_by_default() throws ConfigException {
        assertThat(payerWith(FOLDER_DELIVERY, "replies: { type: folder, path: in }").replies())
                .isEqualTo(new PayerConfig.Replies.Folder(dir.resolve("in"), Duration.ofMinutes(5)));
    }

    @Test
    void rejects_a_reply_interval_that_is_not_a_duration() {
        assertThat(problemsWith(FOLDER_DELIVERY, "replies: { type: folder, path: in, every: soon }")).containsExactly(
                "payers.yaml: payer 'acme': key 'replies.every': 'soon' is not a duration; write a number and a unit"
                        + " (h, m, s or ms), like 500ms, 30s, 15m, 1h or 2h30m");
    }

    @Test
    void http_replies_take_no_polling_interval() {
        assertThat(problemsWith(FOLDER_DELIVERY, "replies: { type: http, every: 1m }")).containsExactly(
                "payers.yaml: payer 'acme': unknown key 'replies.every' (known keys: type)");
    }

    @Test
    void rejects_a_replies_type_that_does_not_exist() {
        assertThat(problemsWith(FOLDER_DELIVERY, "replies: { type: email }")).containsExactly(
                "payers.yaml: payer 'acme': key 'replies.type': 'email' is not a replies type; use folder, sftp or http");
    }

    @Test
    void a_payer_without_replies_has_none() throws ConfigException {
        assertThat(load(dir, CLINICS, edit(PAYERS, "    " + FOLDER_REPLIES + "\n", "")).payers().get(0).replies()).isNull();
    }
}
