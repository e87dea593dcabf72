package io.claimshub.config;

import io.claimshub.claim.Address;
import io.claimshub.claim.Npi;

import java.nio.file.Path;
import java.util.Set;

/** Reads and checks one clinic of clinics.yaml. */
final class ClinicsReader {

    private static final Set<String> CLINIC_KEYS = Set.of("id", "name", "npi", "taxId", "taxonomy", "address",
            "placeOfService", "submitter", "sendingFacilities", "inbox", "outbox", "replyTo", "replyUrl", "replyHost",
            "replyPort", "serviceFacility");
    private static final Set<String> ADDRESS_KEYS = Set.of("line1", "line2", "city", "state", "zip");
    private static final Set<String> SUBMITTER_KEYS = Set.of("name", "id", "contact", "phone");
    private static final Set<String> FACILITY_KEYS = Set.of("name", "npi", "address");

    private ClinicsReader() {
    }

    static ClinicConfig read(YamlSection clinic, String id, Path workDir) {
        clinic.allowOnly(CLINIC_KEYS);
        String name = clinic.required("name");
        String npi = npi(clinic, "npi", true);
        String taxId = clinic.matching("taxId", "\\d{9}", "must be the 9-digit EIN");
        String placeOfService = clinic.optional("placeOfService", "11");
        if (!placeOfService.matches("\\d{2}")) {
            clinic.problem("placeOfService", "'" + placeOfService + "' must be a 2-digit CMS place of service code");
        }
        Address address = address(clinic.section("address", true), true);
        ClinicConfig.Submitter submitter = submitter(clinic.section("submitter", true));
        String replyTo = clinic.required("replyTo");
        if (replyTo != null && !Set.of("folder", "http", "mllp").contains(replyTo)) {
            clinic.problem("replyTo", "'" + replyTo + "' must be folder, http or mllp");
        }
        if ("http".equals(replyTo) && !clinic.has("replyUrl")) {
            clinic.problem("replyUrl", "is required when replyTo is http");
        }
        if ("mllp".equals(replyTo) && (!clinic.has("replyHost") || !clinic.has("replyPort"))) {
            clinic.problem("replyHost", "replyHost and replyPort are required when replyTo is mllp");
        }
        YamlSection facility = clinic.section("serviceFacility", false);
        ClinicConfig.ServiceFacility serviceFacility = null;
        if (facility != null) {
            facility.allowOnly(FACILITY_KEYS);
            serviceFacility = new ClinicConfig.ServiceFacility(facility.required("name"), npi(facility, "npi", false),
                    address(facility.section("address", true), false));
        }
        return new ClinicConfig(id, name, npi, taxId, clinic.optional("taxonomy"), address, placeOfService, submitter,
                clinic.stringList("sendingFacilities", false), clinic.path("inbox", workDir, true),
                clinic.path("outbox", workDir, true), replyTo, clinic.optional("replyUrl"), clinic.optional("replyHost"),
                clinic.integer("replyPort", null, 1, 65535), serviceFacility);
    }

    private static String npi(YamlSection section, String key, boolean required) {
        String npi = required ? section.required(key) : section.optional(key);
        if (npi != null && !Npi.isValid(npi)) {
            section.problem(key, npi + " fails the NPI check digit");
        }
        return npi;
    }

    /** The billing address (2010AA) must have ZIP+4 and a street, not a PO box. */
    private static Address address(YamlSection address, boolean billing) {
        if (address == null) {
            return null;
        }
        address.allowOnly(ADDRESS_KEYS);
        String line1 = address.required("line1");
        if (billing && line1 != null && line1.toUpperCase().replaceAll("[^A-Z0-9 ]", "").matches(".*\\bP ?O BOX\\b.*|^BOX\\b.*")) {
            address.problem("line1", "the billing provider address must be a street address, not a PO box");
        }
        String state = address.matching("state", "[A-Za-z]{2}", "must be a 2-letter state code");
        String zip = billing
                ? address.matching("zip", "\\d{9}", "must be the 9-digit ZIP+4 (the billing provider needs ZIP+4)")
                : address.matching("zip", "\\d{5}(\\d{4})?", "must be a 5- or 9-digit ZIP");
        return new Address(line1, address.optional("line2"), address.required("city"), state, zip);
    }

    private static ClinicConfig.Submitter submitter(YamlSection submitter) {
        if (submitter == null) {
            return null;
        }
        submitter.allowOnly(SUBMITTER_KEYS);
        return new ClinicConfig.Submitter(submitter.required("name"), submitter.required("id"),
                submitter.required("contact"), submitter.matching("phone", "\\d{10}", "must be 10 digits"));
    }

}
