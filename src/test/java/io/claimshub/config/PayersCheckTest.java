package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static io.claimshub.config.PartnerFiles.CLINICS;
import static io.claimshub.config.PartnerFiles.PAYER;
import static io.claimshub.config.PartnerFiles.PAYERS;
import static io.claimshub.config.PartnerFiles.edit;
import static io.claimshub.config.PartnerFiles.load;
import static io.claimshub.config.PartnerFiles.payerProblems;
import static org.assertj.core.api.Assertions.assertThat;

/** The payers.yaml checks of docs/configuration.md except delivery and replies, one broken key per case. */
class PayersCheckTest {

    private static final String INTERCHANGE =
            "interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ, receiverId: ACMEHP, usage: T }";
    private static final String BATCH = "batch: { maxClaims: 5000, every: 15m }";

    @TempDir
    Path dir;

    private PayerConfig loadPayer(String payers) throws ConfigException {
        return load(dir, CLINICS, payers).payers().get(0);
    }

    @Test
    void names_a_payer_without_an_id_by_its_position_in_the_list() {
        String second = edit(edit(PAYER, "  - id: acme\n    name:", "  - name:"), "    payerId: \"60054\"\n", "");

        assertThat(payerProblems(dir, PAYERS + edit(second, "[\"ACME\", \"60054\"]", "[\"OTHER\"]"))).containsExactly(
                "payers.yaml: payer #2: missing required key 'id'",
                "payers.yaml: payer #2: missing required key 'payerId'");
    }

    @Test
    void rejects_an_unknown_key_and_lists_the_known_ones() {
        assertThat(payerProblems(dir, edit(PAYERS, "    payerId:", "    payerID: x\n    payerId:"))).containsExactly(
                "payers.yaml: payer 'acme': unknown key 'payerID' (known keys: id, name, payerId, match,"
                        + " claimFilingIndicator, interchange, batch, delivery, replies, delimiters, timelyFilingDays, segmentSeparatorNewline)");
    }

    @Test
    void timely_filing_and_the_newline_option_have_defaults_and_can_be_set() throws ConfigException {
        PayerConfig defaults = loadPayer(PAYERS);
        assertThat(defaults.timelyFilingDays()).isEqualTo(365);
        assertThat(defaults.segmentSeparatorNewline()).isFalse();

        PayerConfig set = loadPayer(edit(PAYERS, "    payerId:", "    timelyFilingDays: 90\n    segmentSeparatorNewline: true\n    payerId:"));
        assertThat(set.timelyFilingDays()).isEqualTo(90);
        assertThat(set.segmentSeparatorNewline()).isTrue();
    }

    @Test
    void rejects_a_timely_filing_limit_out_of_range_and_a_newline_option_that_is_not_a_flag() {
        assertThat(payerProblems(dir, edit(PAYERS, "    payerId:", "    timelyFilingDays: 0\n    segmentSeparatorNewline: yes please\n    payerId:")))
                .containsExactly("payers.yaml: payer 'acme': key 'timelyFilingDays': 0 must be a whole number from 1 to 1098",
                        "payers.yaml: payer 'acme': key 'segmentSeparatorNewline': 'yes please' must be true or false");
    }

    @Test
    void rejects_a_duplicate_payer_id() {
        String twice = PAYERS + edit(PAYER, "[\"ACME\", \"60054\"]", "[\"ACME2\"]");

        assertThat(payerProblems(dir, twice)).containsExactly(
                "payers.yaml: payer 'acme': key 'id': 'acme' is already the id of payer #1; ids must be unique");
    }

    @Test
    void rejects_a_company_id_that_two_payers_match_whatever_its_case() {
        String two = PAYERS + edit(edit(PAYER, "id: acme", "id: acme-west"), "[\"ACME\", \"60054\"]", "[\"ACMEW\", \"acme\"]");

        assertThat(payerProblems(dir, two)).containsExactly(
                "payers.yaml: payer 'acme-west': key 'match': 'acme' is already matched by payer 'acme';"
                        + " an IN1-3 company id must route to one payer");
    }

    @Test
    void rejects_an_empty_match_list() {
        assertThat(payerProblems(dir, edit(PAYERS, "[\"ACME\", \"60054\"]", "[]"))).containsExactly(
                "payers.yaml: payer 'acme': key 'match': lists nothing; give at least one value");
    }

    @Test
    void rejects_a_match_that_is_not_a_list() {
        assertThat(payerProblems(dir, edit(PAYERS, "[\"ACME\", \"60054\"]", "ACME"))).containsExactly(
                "payers.yaml: payer 'acme': key 'match': must be a list, like [ACME]");
    }

    @Test
    void rejects_a_claim_filing_indicator_outside_the_sbr09_code_list() {
        assertThat(payerProblems(dir, edit(PAYERS, "claimFilingIndicator: CI", "claimFilingIndicator: XX"))).containsExactly(
                "payers.yaml: payer 'acme': key 'claimFilingIndicator': 'XX' is not an SBR09 claim filing indicator;"
                        + " use one of 11, 12, 13, 14, 15, 16, 17, AM, BL, CH, CI, DS, FI, HM, LM, MA, MB, MC, OF, TV,"
                        + " VA, WC, ZZ (CI commercial, MB Medicare Part B, MC Medicaid, BL Blue Cross)");
    }

    @Test
    void rejects_a_missing_interchange_key() {
        assertThat(payerProblems(dir, edit(PAYERS, ", usage: T", ""))).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'interchange.usage'");
    }

    @Test
    void rejects_a_usage_other_than_test_or_production() {
        assertThat(payerProblems(dir, edit(PAYERS, "usage: T", "usage: X"))).containsExactly(
                "payers.yaml: payer 'acme': key 'interchange.usage': 'X' must be T (test) or P (production)");
    }

    @Test
    void rejects_a_qualifier_that_is_not_two_characters() {
        assertThat(payerProblems(dir, edit(PAYERS, "senderQualifier: ZZ", "senderQualifier: Z"))).containsExactly(
                "payers.yaml: payer 'acme': key 'interchange.senderQualifier': 'Z' must be a 2-character ID qualifier, like ZZ or 30");
    }

    @Test
    void rejects_an_interchange_id_longer_than_fifteen_characters() {
        assertThat(payerProblems(dir, edit(PAYERS, "receiverId: ACMEHP", "receiverId: ACMEHEALTHPLAN123"))).containsExactly(
                "payers.yaml: payer 'acme': key 'interchange.receiverId': 'ACMEHEALTHPLAN123' has 17 characters; X12 allows at most 15");
    }

    @Test
    void uses_the_interchange_ids_as_application_codes_unless_given() throws ConfigException {
        PayerConfig.Interchange defaulted = loadPayer(PAYERS).interchange();
        PayerConfig.Interchange given = loadPayer(edit(PAYERS, "usage: T", "usage: P, applicationReceiverCode: ACME837"))
                .interchange();

        assertThat(defaulted.applicationSenderCode()).isEqualTo("SUNRISEHUB");
        assertThat(defaulted.applicationReceiverCode()).isEqualTo("ACMEHP");
        assertThat(given.applicationReceiverCode()).isEqualTo("ACME837");
        assertThat(given.usage()).isEqualTo("P");
    }

    @Test
    void rejects_a_payer_without_an_interchange() {
        assertThat(payerProblems(dir, edit(PAYERS, "    " + INTERCHANGE + "\n", ""))).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'interchange'");
    }

    @ParameterizedTest
    @CsvSource({"0", "5001", "lots"})
    void rejects_a_batch_size_outside_one_to_five_thousand(String maxClaims) {
        assertThat(payerProblems(dir, edit(PAYERS, "maxClaims: 5000", "maxClaims: " + maxClaims))).containsExactly(
                "payers.yaml: payer 'acme': key 'batch.maxClaims': " + maxClaims + " must be a whole number from 1 to 5000");
    }

    @Test
    void rejects_a_batch_interval_that_is_not_a_duration() {
        assertThat(payerProblems(dir, edit(PAYERS, "every: 15m", "every: 15 minutes"))).containsExactly(
                "payers.yaml: payer 'acme': key 'batch.every': '15 minutes' is not a duration; write a number and a unit"
                        + " (h, m, s or ms), like 500ms, 30s, 15m, 1h or 2h30m");
    }

    @Test
    void rejects_a_zero_batch_interval() {
        assertThat(payerProblems(dir, edit(PAYERS, "every: 15m", "every: 0s"))).containsExactly(
                "payers.yaml: payer 'acme': key 'batch.every': must be longer than zero");
    }

    @Test
    void defaults_an_empty_batch_to_five_thousand_claims_or_fifteen_minutes() throws ConfigException {
        PayerConfig.Batch batch = loadPayer(edit(PAYERS, BATCH, "batch: {}")).batch();

        assertThat(batch.maxClaims()).isEqualTo(5000);
        assertThat(batch.every()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void reads_a_batch_as_written() throws ConfigException {
        PayerConfig.Batch batch = loadPayer(edit(PAYERS, BATCH, "batch: { maxClaims: 100, every: 2h30m }")).batch();

        assertThat(batch.maxClaims()).isEqualTo(100);
        assertThat(batch.every()).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void rejects_a_payer_without_a_batch_or_delivery() {
        String neither = edit(edit(PAYERS, "    " + BATCH + "\n", ""), "    " + PartnerFiles.FOLDER_DELIVERY + "\n", "");

        assertThat(payerProblems(dir, neither)).containsExactly(
                "payers.yaml: payer 'acme': missing required key 'batch'",
                "payers.yaml: payer 'acme': missing required key 'delivery'");
    }

    @Test
    void keeps_the_leading_zeros_of_an_unquoted_payer_id() throws ConfigException {
        assertThat(loadPayer(edit(PAYERS, "payerId: \"60054\"", "payerId: 00430")).payerId()).isEqualTo("00430");
    }

    @Test
    void uses_the_standard_delimiters_unless_told_otherwise() throws ConfigException {
        assertThat(loadPayer(PAYERS).delimiters()).isEqualTo(PayerConfig.Delimiters.DEFAULT);
    }

    @Test
    void reads_custom_delimiters_and_defaults_the_ones_not_given() throws ConfigException {
        String payers = PAYERS + "    delimiters: { element: \"|\", segment: \"\\n\" }\n";

        assertThat(loadPayer(payers).delimiters()).isEqualTo(new PayerConfig.Delimiters('|', ':', '^', '\n'));
    }

    @Test
    void rejects_a_letter_as_a_delimiter() {
        assertThat(payerProblems(dir, PAYERS + "    delimiters: { element: \"E\" }\n")).containsExactly(
                "payers.yaml: payer 'acme': key 'delimiters.element': 'E' cannot be a delimiter:"
                        + " letters, digits and spaces appear in the data");
    }

    @Test
    void rejects_two_delimiters_that_are_the_same_character() {
        assertThat(payerProblems(dir, PAYERS + "    delimiters: { component: \"~\" }\n")).containsExactly(
                "payers.yaml: payer 'acme': key 'delimiters.segment': '~' is already the component delimiter;"
                        + " the four delimiters must differ");
    }

    @Test
    void rejects_a_delimiter_longer_than_one_character() {
        assertThat(payerProblems(dir, PAYERS + "    delimiters: { segment: \"~~\" }\n")).containsExactly(
                "payers.yaml: payer 'acme': key 'delimiters.segment': must be a single character in quotes, like \"*\"");
    }

    @Test
    void explains_that_a_bare_tilde_means_empty_in_yaml() {
        assertThat(payerProblems(dir, PAYERS + "    delimiters: { segment: ~ }\n")).containsExactly(
                "payers.yaml: payer 'acme': key 'delimiters.segment': has no value; write the character in quotes,"
                        + " like \"~\" (a bare ~ means empty in YAML)");
    }

    @Test
    void rejects_an_unknown_delimiter_name() {
        assertThat(payerProblems(dir, PAYERS + "    delimiters: { subelement: \">\" }\n")).containsExactly(
                "payers.yaml: payer 'acme': unknown key 'delimiters.subelement' (known keys: element, component, repetition, segment)");
    }
}
