package io.claimshub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static io.claimshub.config.PartnerFiles.CLINIC;
import static io.claimshub.config.PartnerFiles.CLINICS;
import static io.claimshub.config.PartnerFiles.PAYERS;
import static io.claimshub.config.PartnerFiles.clinicProblems;
import static io.claimshub.config.PartnerFiles.edit;
import static io.claimshub.config.PartnerFiles.load;
import static org.assertj.core.api.Assertions.assertThat;

/** The clinics.yaml checks of docs/configuration.md, one broken key per case. */
class ClinicsCheckTest {

    private static final String ADDRESS =
            "address: { line1: 100 Main St, line2: Suite 2, city: Springfield, state: IL, zip: \"627011234\" }";

    @TempDir
    Path dir;

    private ClinicConfig loadClinic(String clinics) throws ConfigException {
        return load(dir, clinics, PAYERS).clinics().get(0);
    }

    @Test
    void rejects_a_billing_npi_that_fails_the_check_digit() {
        assertThat(clinicProblems(dir, edit(CLINICS, "\"1234567893\"", "\"1234567890\""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'npi': 1234567890 fails the NPI check digit");
    }

    @Test
    void rejects_a_billing_npi_that_is_not_ten_digits() {
        assertThat(clinicProblems(dir, edit(CLINICS, "\"1234567893\"", "\"12345\""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'npi': '12345' is not an NPI; an NPI has 10 digits");
    }

    @Test
    void rejects_a_clinic_without_a_name() {
        assertThat(clinicProblems(dir, edit(CLINICS, "    name: Sunrise Family Practice\n", ""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': missing required key 'name'");
    }

    @Test
    void names_a_clinic_without_an_id_by_its_position() {
        assertThat(clinicProblems(dir, edit(CLINICS, "  - id: sunrise\n    name:", "  - name:"))).containsExactly(
                "clinics.yaml: clinic #1: missing required key 'id'");
    }

    @Test
    void rejects_an_id_with_capitals() {
        assertThat(clinicProblems(dir, edit(CLINICS, "id: sunrise", "id: Sunrise"))).containsExactly(
                "clinics.yaml: clinic 'Sunrise': key 'id': 'Sunrise' may use only lowercase letters, digits and '-', like sunrise-east");
    }

    @Test
    void rejects_an_empty_required_value() {
        assertThat(clinicProblems(dir, edit(CLINICS, "name: Sunrise Family Practice\n", "name: \"\"\n"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'name': is empty");
    }

    @Test
    void rejects_an_unknown_key_and_lists_the_known_ones() {
        assertThat(clinicProblems(dir, edit(CLINICS, "    replyTo: folder\n", "    replyTo: folder\n    fax: \"2175551213\"\n")))
                .containsExactly("clinics.yaml: clinic 'sunrise': unknown key 'fax' (known keys: id, name, npi, taxId,"
                        + " taxonomy, address, placeOfService, submitter, sendingFacilities, inbox, outbox, replyTo,"
                        + " replyUrl, replyHost, replyPort, serviceFacility, billSecondary, renderingTaxonomies, encounterKey, billHold,"
                        + " afterSend)");
    }

    @Test
    void charge_capture_defaults_to_one_message_one_claim() throws Exception {
        ClinicConfig.ChargeCapture capture = loadClinic(CLINICS).chargeCapture();

        assertThat(capture).isEqualTo(new ClinicConfig.ChargeCapture("account", java.time.Duration.ZERO, "replace"));
        assertThat(capture.collects()).isFalse();
    }

    @Test
    void reads_encounter_key_bill_hold_in_days_and_after_send() throws Exception {
        ClinicConfig.ChargeCapture capture = loadClinic(edit(CLINICS, "    replyTo: folder\n",
                "    replyTo: folder\n    encounterKey: account+date\n    billHold: 3d\n    afterSend: hold\n")).chargeCapture();

        assertThat(capture).isEqualTo(new ClinicConfig.ChargeCapture("account+date", java.time.Duration.ofDays(3), "hold"));
        assertThat(capture.collects()).isTrue();
    }

    @Test
    void rejects_an_unknown_encounter_key_after_send_policy_or_bill_hold() {
        assertThat(clinicProblems(dir, edit(CLINICS, "    replyTo: folder\n",
                "    replyTo: folder\n    encounterKey: mrn\n    billHold: soon\n    afterSend: resend\n"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'encounterKey': 'mrn' must be one of account, visit, account+date",
                "clinics.yaml: clinic 'sunrise': key 'afterSend': 'resend' must be one of replace, new, hold",
                "clinics.yaml: clinic 'sunrise': key 'billHold': 'soon' is not a duration; write a number and a unit"
                        + " (h, m, s or ms), like 500ms, 30s, 15m, 1h or 2h30m, or in days like 3d");
    }

    @Test
    void bill_secondary_is_auto_unless_set_to_review_or_off() {
        assertThat(clinicProblems(dir, edit(CLINICS, "    replyTo: folder\n", "    replyTo: folder\n    billSecondary: maybe\n")))
                .containsExactly("clinics.yaml: clinic 'sunrise': key 'billSecondary': 'maybe' must be one of auto, review or off");
    }

    @Test
    void rejects_an_unknown_key_inside_the_address() {
        assertThat(clinicProblems(dir, edit(CLINICS, "line2: Suite 2,", "line2: Suite 2, county: Sangamon,"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': unknown key 'address.county' (known keys: line1, line2, city, state, zip)");
    }

    @Test
    void rejects_an_address_without_a_zip() {
        assertThat(clinicProblems(dir, edit(CLINICS, ", zip: \"627011234\"", ""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': missing required key 'address.zip'");
    }

    @Test
    void rejects_an_address_that_is_not_a_map() {
        assertThat(clinicProblems(dir, edit(CLINICS, ADDRESS, "address: 100 Main St"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'address': must be a map of keys, not a single value");
    }

    @Test
    void rejects_a_list_where_a_single_value_belongs() {
        assertThat(clinicProblems(dir, edit(CLINICS, "name: Sunrise Family Practice\n", "name: [Sunrise, North]\n")))
                .containsExactly("clinics.yaml: clinic 'sunrise': key 'name': must be a single value, not a list");
    }

    @Test
    void rejects_a_tax_id_that_is_not_nine_digits() {
        assertThat(clinicProblems(dir, edit(CLINICS, "taxId: \"123456789\"", "taxId: \"12345678\""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'taxId': '12345678' must be the 9-digit EIN, like 123456789");
    }

    @Test
    void keeps_leading_zeros_of_unquoted_numbers() throws ConfigException {
        ClinicConfig clinic = loadClinic(edit(edit(CLINICS, "taxId: \"123456789\"", "taxId: 012345678"),
                "zip: \"627011234\"", "zip: 021341234"));

        assertThat(clinic.taxId()).isEqualTo("012345678");
        assertThat(clinic.address().zip()).isEqualTo("021341234");
    }

    @Test
    void accepts_an_ein_and_a_zip_written_with_a_dash_and_keeps_the_digits() throws ConfigException {
        ClinicConfig clinic = loadClinic(edit(edit(CLINICS, "taxId: \"123456789\"", "taxId: 12-3456789"),
                "zip: \"627011234\"", "zip: 62701-1234"));

        assertThat(clinic.taxId()).isEqualTo("123456789");
        assertThat(clinic.address().zip()).isEqualTo("627011234");
    }

    @Test
    void rejects_a_taxonomy_that_is_not_a_taxonomy_code() {
        assertThat(clinicProblems(dir, edit(CLINICS, "taxonomy: 207Q00000X", "taxonomy: family"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'taxonomy': 'family' must be a 10-character provider taxonomy code, like 207Q00000X");
    }

    @Test
    void rejects_a_state_that_is_not_two_letters() {
        assertThat(clinicProblems(dir, edit(CLINICS, "state: IL", "state: Illinois"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'address.state': 'Illinois' must be the 2-letter state code, like IL");
    }

    @Test
    void rejects_a_five_digit_billing_zip_because_the_837p_needs_zip_plus_4() {
        assertThat(clinicProblems(dir, edit(CLINICS, "zip: \"627011234\"", "zip: \"62701\""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'address.zip': 62701 is only the 5-digit ZIP;"
                        + " the billing provider needs the 9-digit ZIP+4, like 627011234");
    }

    @Test
    void rejects_a_zip_that_is_not_digits() {
        assertThat(clinicProblems(dir, edit(CLINICS, "zip: \"627011234\"", "zip: \"6270A1234\""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'address.zip': '6270A1234' must be the 9-digit ZIP+4, like 627011234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PO Box 12", "P.O. Box 12", "p o box 12", "POB 12", "Post Office Box 12", "Lockbox 7712"})
    void rejects_a_po_box_as_the_billing_street(String line1) {
        assertThat(clinicProblems(dir, edit(CLINICS, "line1: 100 Main St", "line1: " + line1))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'address.line1': '" + line1 + "' is a PO box;"
                        + " the billing provider needs a street address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 Box Elder St", "12 Pobst Rd", "400 Post Office Sq"})
    void accepts_streets_that_only_look_like_a_po_box(String line1) throws ConfigException {
        assertThat(loadClinic(edit(CLINICS, "line1: 100 Main St", "line1: " + line1)).address().line1()).isEqualTo(line1);
    }

    @Test
    void rejects_a_po_box_on_the_second_address_line() {
        assertThat(clinicProblems(dir, edit(CLINICS, "line2: Suite 2", "line2: PO Box 9"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'address.line2': 'PO Box 9' is a PO box; the billing provider needs a street address");
    }

    @Test
    void rejects_a_place_of_service_that_is_not_two_digits() {
        assertThat(clinicProblems(dir, edit(CLINICS, "placeOfService: \"11\"", "placeOfService: office"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'placeOfService': 'office' must be a code on the CMS place of service list, like \"11\"");
    }

    @Test
    void rendering_taxonomies_are_read_per_npi_and_checked() throws ConfigException {
        String withTaxonomies = edit(CLINICS, "    taxonomy: 207Q00000X", "    taxonomy: 207Q00000X\n    renderingTaxonomies: { \"1245319599\": 207R00000X }");
        assertThat(loadClinic(withTaxonomies).renderingTaxonomies()).containsExactly(java.util.Map.entry("1245319599", "207R00000X"));

        assertThat(clinicProblems(dir, edit(CLINICS, "    taxonomy: 207Q00000X",
                "    taxonomy: 207Q00000X\n    renderingTaxonomies: { \"1245319590\": 207R }"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'renderingTaxonomies.1245319590': 1245319590 fails the NPI check digit",
                "clinics.yaml: clinic 'sunrise': key 'renderingTaxonomies.1245319590': '207R' must be a 10-character provider taxonomy code, like 207Q00000X");
    }

    @Test
    void rejects_an_unassigned_place_of_service() {
        assertThat(clinicProblems(dir, edit(CLINICS, "placeOfService: \"11\"", "placeOfService: \"37\""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'placeOfService': '37' must be a code on the CMS place of service list, like \"11\"");
    }

    @Test
    void defaults_the_place_of_service_to_office_and_leaves_optional_keys_empty() throws ConfigException {
        String minimal = edit(edit(edit(edit(CLINICS, "    placeOfService: \"11\"\n", ""),
                "    taxonomy: 207Q00000X\n", ""), " line2: Suite 2,", ""), "    sendingFacilities: [SUNRISE]\n", "");

        ClinicConfig clinic = loadClinic(minimal);

        assertThat(clinic.placeOfService()).isEqualTo("11");
        assertThat(clinic.taxonomy()).isNull();
        assertThat(clinic.address().line2()).isNull();
        assertThat(clinic.sendingFacilities()).isEmpty();
        assertThat(clinic.serviceFacility()).isNull();
    }

    @Test
    void rejects_a_submitter_without_a_phone() {
        assertThat(clinicProblems(dir, edit(CLINICS, ", phone: \"2175551212\"", ""))).containsExactly(
                "clinics.yaml: clinic 'sunrise': missing required key 'submitter.phone'");
    }

    @Test
    void rejects_a_submitter_phone_without_an_area_code() {
        assertThat(clinicProblems(dir, edit(CLINICS, "phone: \"2175551212\"", "phone: 555-1212"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'submitter.phone': '555-1212' must be a 10-digit phone number"
                        + " with its area code, like 2175551212");
    }

    @Test
    void keeps_only_the_digits_of_a_punctuated_phone() throws ConfigException {
        assertThat(loadClinic(edit(CLINICS, "phone: \"2175551212\"", "phone: (217) 555-1212")).submitter().phone())
                .isEqualTo("2175551212");
    }

    @Test
    void rejects_a_duplicate_clinic_id() {
        String twice = CLINICS + edit(CLINIC, "[SUNRISE]", "[SUNRISE-EAST]");

        assertThat(clinicProblems(dir, twice)).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'id': 'sunrise' is already the id of clinic #1; ids must be unique");
    }

    @Test
    void rejects_a_sending_facility_claimed_by_two_clinics_whatever_its_case() {
        String two = CLINICS + edit(edit(CLINIC, "id: sunrise", "id: north"), "[SUNRISE]", "[NORTH, sunrise]");

        assertThat(clinicProblems(dir, two)).containsExactly(
                "clinics.yaml: clinic 'north': key 'sendingFacilities': 'sunrise' is already claimed by clinic 'sunrise';"
                        + " an MSH-4 value must identify one clinic");
    }

    @Test
    void rejects_a_reply_channel_that_does_not_exist() {
        assertThat(clinicProblems(dir, edit(CLINICS, "replyTo: folder", "replyTo: email"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'replyTo': 'email' must be one of folder, http or mllp");
    }

    @Test
    void needs_a_reply_url_for_http_replies() {
        assertThat(clinicProblems(dir, edit(CLINICS, "replyTo: folder", "replyTo: http"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': missing required key 'replyUrl'");
    }

    @Test
    void rejects_a_reply_url_that_is_not_http() {
        assertThat(clinicProblems(dir, edit(CLINICS, "replyTo: folder", "replyTo: http\n    replyUrl: ftp://emr.example/remit")))
                .containsExactly("clinics.yaml: clinic 'sunrise': key 'replyUrl': is not an http:// or https:// URL");
    }

    @Test
    void needs_a_host_and_port_for_mllp_replies() {
        assertThat(clinicProblems(dir, edit(CLINICS, "replyTo: folder", "replyTo: mllp"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': missing required key 'replyHost'",
                "clinics.yaml: clinic 'sunrise': missing required key 'replyPort'");
    }

    @Test
    void rejects_an_mllp_port_out_of_range() {
        assertThat(clinicProblems(dir, edit(CLINICS, "replyTo: folder",
                "replyTo: mllp\n    replyHost: emr.sunrise.example\n    replyPort: 70000"))).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'replyPort': 70000 must be a whole number from 1 to 65535");
    }

    @Test
    void reads_mllp_and_http_reply_settings() throws ConfigException {
        ClinicConfig mllp = loadClinic(edit(CLINICS, "replyTo: folder",
                "replyTo: mllp\n    replyHost: emr.sunrise.example\n    replyPort: 2575"));
        ClinicConfig http = loadClinic(edit(CLINICS, "replyTo: folder",
                "replyTo: http\n    replyUrl: https://emr.sunrise.example/remits"));

        assertThat(mllp.replyTo()).isEqualTo(new ClinicConfig.ReplyTo.Mllp("emr.sunrise.example", 2575));
        assertThat(http.replyTo()).isEqualTo(new ClinicConfig.ReplyTo.Http("https://emr.sunrise.example/remits"));
    }

    @Test
    void rejects_reply_settings_the_reply_channel_does_not_use() {
        assertThat(clinicProblems(dir, edit(CLINICS, "replyTo: folder", "replyTo: folder\n    replyUrl: https://emr.example/r")))
                .containsExactly("clinics.yaml: clinic 'sunrise': key 'replyUrl': is only used when replyTo is http, not folder");
    }

    @Test
    void reads_a_service_facility_with_the_same_address_rules() throws ConfigException {
        String facility = "    serviceFacility: { name: Sunrise East, npi: \"1245319599\","
                + " address: { line1: 200 Oak Ave, city: Springfield, state: il, zip: \"627021234\" } }\n";

        ClinicConfig.ServiceFacility read = loadClinic(CLINICS + facility).serviceFacility();

        assertThat(read.name()).isEqualTo("Sunrise East");
        assertThat(read.npi()).isEqualTo("1245319599");
        assertThat(read.address().state()).isEqualTo("IL");
    }

    @Test
    void rejects_a_service_facility_with_a_bad_npi_and_a_po_box() {
        String facility = "    serviceFacility: { name: Sunrise East, npi: \"1245319598\","
                + " address: { line1: PO Box 4, city: Springfield, state: IL, zip: \"627021234\" } }\n";

        assertThat(clinicProblems(dir, CLINICS + facility)).containsExactly(
                "clinics.yaml: clinic 'sunrise': key 'serviceFacility.npi': 1245319598 fails the NPI check digit",
                "clinics.yaml: clinic 'sunrise': key 'serviceFacility.address.line1': 'PO Box 4' is a PO box;"
                        + " the service facility needs a street address");
    }
}
