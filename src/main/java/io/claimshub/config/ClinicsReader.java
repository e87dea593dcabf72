package io.claimshub.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimshub.claim.Address;
import io.claimshub.claim.Npi;
import io.claimshub.codesets.CodeSets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and checks clinics.yaml (see docs/configuration.md). */
final class ClinicsReader {

    static final String FILE = "clinics.yaml";

    private static final List<String> KEYS = List.of("id", "name", "npi", "taxId", "taxonomy", "address",
            "placeOfService", "submitter", "sendingFacilities", "inbox", "outbox", "replyTo", "replyUrl",
            "replyHost", "replyPort", "serviceFacility", "billSecondary", "renderingTaxonomies", "encounterKey",
            "billHold", "afterSend");
    private static final List<String> ENCOUNTER_KEYS = List.of("account", "visit", "account+date");
    private static final List<String> AFTER_SEND = List.of("replace", "new", "hold");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,5})d");
    private static final List<String> ADDRESS_KEYS = List.of("line1", "line2", "city", "state", "zip");
    private static final List<String> SUBMITTER_KEYS = List.of("name", "id", "contact", "phone");
    private static final List<String> SERVICE_FACILITY_KEYS = List.of("name", "npi", "address");
    private static final List<String> REPLY_TO = List.of("folder", "http", "mllp");

    private static final Pattern TAX_ID = Pattern.compile("\\d{2}-?\\d{7}");
    private static final Pattern TAXONOMY = Pattern.compile("[0-9A-Z]{9}X");
    private static final Pattern STATE = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern ZIP_PLUS_4 = Pattern.compile("\\d{5}-?\\d{4}");
    private static final Pattern PLACE_OF_SERVICE = Pattern.compile("\\d{2}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");
    /** PO Box, P.O. Box, POB, Post Office Box, Lockbox: the 837P wants a street address here. */
    private static final Pattern PO_BOX = Pattern.compile(
            "(?i)\\b(p\\s*\\.?\\s*o\\s*\\.?\\s*box|pob|post\\s+office\\s+box|lock\\s*box)\\b");

    private final Path workDir;
    private final List<String> problems;

    ClinicsReader(Path workDir, List<String> problems) {
        this.workDir = workDir;
        this.problems = problems;
    }

    List<ClinicConfig> read(JsonNode root) {
        List<ClinicConfig> clinics = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> facilities = new HashMap<>();
        List<ConfigSection> entries = PartnerFile.entries(root, FILE, "clinic", problems);
        for (int i = 0; i < entries.size(); i++) {
            ConfigSection entry = entries.get(i);
            ClinicConfig clinic = clinic(entry);
            if (clinic.id() != null) {
                Integer first = ids.putIfAbsent(clinic.id(), i + 1);
                if (first != null) {
                    entry.problem("id", "'" + clinic.id() + "' is already the id of clinic #" + first + "; ids must be unique");
                }
            }
            for (String facility : clinic.sendingFacilities()) {
                String owner = facilities.putIfAbsent(facility.toUpperCase(Locale.ROOT), clinic.id());
                if (owner != null && !owner.equals(clinic.id())) {
                    entry.problem("sendingFacilities", "'" + facility + "' is already claimed by clinic '" + owner
                            + "'; an MSH-4 value must identify one clinic");
                }
            }
            clinics.add(clinic);
        }
        return clinics;
    }

    private ClinicConfig clinic(ConfigSection c) {
        c.allowOnly(KEYS);
        String id = PartnerFile.id(c);
        String name = c.requiredText("name");
        String npi = npi(c, c.requiredText("npi"));
        String taxId = c.requiredText("taxId");
        if (taxId != null && !TAX_ID.matcher(taxId).matches()) {
            c.problem("taxId", "'" + taxId + "' must be the 9-digit EIN, like 123456789");
        }
        String taxonomy = c.optionalText("taxonomy");
        if (taxonomy != null && !TAXONOMY.matcher(taxonomy).matches()) {
            c.problem("taxonomy", "'" + taxonomy + "' must be a 10-character provider taxonomy code, like 207Q00000X");
        }
        ConfigSection addressSection = c.requiredSection("address");
        Address address = addressSection == null ? null : address(addressSection, "the billing provider");
        String placeOfService = c.optionalText("placeOfService");
        if (placeOfService == null) {
            placeOfService = "11";
        } else if (!PLACE_OF_SERVICE.matcher(placeOfService).matches() || !CodeSets.isPlaceOfService(placeOfService)) {
            c.problem("placeOfService", "'" + placeOfService + "' must be a code on the CMS place of service list, like \"11\"");
        }
        ConfigSection taxonomiesSection = c.optionalSection("renderingTaxonomies");
        Map<String, String> renderingTaxonomies = taxonomiesSection == null ? Map.of() : renderingTaxonomies(taxonomiesSection);
        ConfigSection submitterSection = c.requiredSection("submitter");
        ClinicConfig.Submitter submitter = submitterSection == null ? null : submitter(submitterSection);
        List<String> sendingFacilities = c.texts("sendingFacilities", false);
        Path inbox = c.path("inbox", true, workDir);
        Path outbox = c.path("outbox", true, workDir);
        ConfigSection facilitySection = c.optionalSection("serviceFacility");
        ClinicConfig.ServiceFacility serviceFacility = facilitySection == null ? null : serviceFacility(facilitySection);

        ClinicConfig.ReplyTo replyTo = replyTo(c);
        ClinicConfig.BillSecondary billSecondary = ClinicConfig.BillSecondary.AUTO;
        String billText = c.optionalText("billSecondary");
        if (billText != null) {
            try {
                billSecondary = ClinicConfig.BillSecondary.valueOf(billText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                c.problem("billSecondary", "'" + billText + "' must be one of auto, review or off");
            }
        }
        return new ClinicConfig(id, name, npi, digits(taxId), taxonomy, address, placeOfService, submitter,
                sendingFacilities, inbox, outbox, replyTo, serviceFacility,
                billSecondary, renderingTaxonomies, chargeCapture(c));
    }

    /** NPI → taxonomy of the clinic's rendering providers, for PRV*PE*PXC when a claim does not send one. */
    private static Map<String, String> renderingTaxonomies(ConfigSection section) {
        Map<String, String> taxonomies = new LinkedHashMap<>();
        for (String providerNpi : section.keys()) {
            npi(section, providerNpi, providerNpi);
            String code = section.requiredText(providerNpi);
            if (code != null && !TAXONOMY.matcher(code).matches()) {
                section.problem(providerNpi, "'" + code + "' must be a 10-character provider taxonomy code, like 207Q00000X");
            }
            taxonomies.put(providerNpi, code);
        }
        return taxonomies;
    }

    private static ClinicConfig.ChargeCapture chargeCapture(ConfigSection c) {
        ClinicConfig.ChargeCapture defaults = ClinicConfig.ChargeCapture.IMMEDIATE;
        String encounterKey = oneOf(c, "encounterKey", ENCOUNTER_KEYS, defaults.encounterKey());
        String afterSend = oneOf(c, "afterSend", AFTER_SEND, defaults.afterSend());
        String hold = c.optionalText("billHold");
        java.time.Duration billHold = defaults.billHold();
        if (hold != null && DAYS.matcher(hold.trim()).matches()) {
            billHold = java.time.Duration.ofDays(Long.parseLong(hold.trim().substring(0, hold.trim().length() - 1)));
        } else if (hold != null) {
            // 0s is allowed here (one message = one claim), unlike the hub's other durations
            try {
                billHold = Durations.parse(hold);
            } catch (IllegalArgumentException e) {
                c.problem("billHold", e.getMessage() + ", or in days like 3d");
            }
        }
        return new ClinicConfig.ChargeCapture(encounterKey, billHold, afterSend);
    }

    private static String oneOf(ConfigSection c, String key, List<String> allowed, String fallback) {
        String value = c.optionalText(key);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            c.problem(key, "'" + value + "' must be one of " + String.join(", ", allowed));
            return fallback;
        }
        return value;
    }

    /** replyTo and the keys of its channel; null when replyTo is missing or not a channel (a problem then). */
    private static ClinicConfig.ReplyTo replyTo(ConfigSection c) {
        String replyTo = c.requiredText("replyTo");
        if (replyTo != null && !REPLY_TO.contains(replyTo)) {
            c.problem("replyTo", "'" + replyTo + "' must be one of folder, http or mllp");
        }
        String replyUrl = null;
        if ("http".equals(replyTo)) {
            replyUrl = c.url("replyUrl", true);
        } else {
            onlyFor(c, replyTo, "replyUrl", "http");
        }
        String replyHost = null;
        Integer replyPort = null;
        if ("mllp".equals(replyTo)) {
            replyHost = c.requiredText("replyHost");
            replyPort = c.integer("replyPort", true, 1, 65535);
        } else {
            onlyFor(c, replyTo, "replyHost", "mllp");
            onlyFor(c, replyTo, "replyPort", "mllp");
        }
        if (replyTo == null) {
            return null;
        }
        return switch (replyTo) {
            case "folder" -> ClinicConfig.ReplyTo.FOLDER;
            case "http" -> new ClinicConfig.ReplyTo.Http(replyUrl);
            // a bad port is already a problem of the section: the config is never used then
            case "mllp" -> new ClinicConfig.ReplyTo.Mllp(replyHost, replyPort == null ? 0 : replyPort);
            default -> null;
        };
    }

    private static void onlyFor(ConfigSection c, String replyTo, String key, String usedBy) {
        if (c.has(key) && replyTo != null) {
            c.problem(key, "is only used when replyTo is " + usedBy + ", not " + replyTo);
        }
    }

    private static String npi(ConfigSection s, String npi) {
        return npi(s, "npi", npi);
    }

    private static String npi(ConfigSection s, String key, String npi) {
        if (npi != null && !Npi.isValid(npi)) {
            s.problem(key, npi.matches("\\d{10}") ? npi + " fails the NPI check digit"
                    : "'" + npi + "' is not an NPI; an NPI has 10 digits");
        }
        return npi;
    }

    /** Billing and service facility addresses: the 837P wants a street address with the full ZIP+4. */
    private static Address address(ConfigSection a, String who) {
        a.allowOnly(ADDRESS_KEYS);
        String line1 = streetLine(a, "line1", a.requiredText("line1"), who);
        String line2 = streetLine(a, "line2", a.optionalText("line2"), who);
        String city = a.requiredText("city");
        String state = a.requiredText("state");
        if (state != null && !STATE.matcher(state).matches()) {
            a.problem("state", "'" + state + "' must be the 2-letter state code, like IL");
        }
        String zip = a.requiredText("zip");
        if (zip != null && !ZIP_PLUS_4.matcher(zip).matches()) {
            a.problem("zip", zip.matches("\\d{5}")
                    ? zip + " is only the 5-digit ZIP; " + who + " needs the 9-digit ZIP+4, like 627011234"
                    : "'" + zip + "' must be the 9-digit ZIP+4, like 627011234");
        }
        return new Address(line1, line2, city, state == null ? null : state.toUpperCase(Locale.ROOT), digits(zip));
    }

    private static String streetLine(ConfigSection a, String key, String line, String who) {
        if (line != null && PO_BOX.matcher(line).find()) {
            a.problem(key, "'" + line + "' is a PO box; " + who + " needs a street address");
        }
        return line;
    }

    private static ClinicConfig.Submitter submitter(ConfigSection s) {
        s.allowOnly(SUBMITTER_KEYS);
        String name = s.requiredText("name");
        String id = s.requiredText("id");
        String contact = s.requiredText("contact");
        String phone = s.requiredText("phone");
        String phoneDigits = phone == null ? null : PHONE_PUNCTUATION.matcher(phone).replaceAll("");
        if (phoneDigits != null && !phoneDigits.matches("\\d{10}")) {
            s.problem("phone", "'" + phone + "' must be a 10-digit phone number with its area code, like 2175551212");
        }
        return new ClinicConfig.Submitter(name, id, contact, phoneDigits);
    }

    private static ClinicConfig.ServiceFacility serviceFacility(ConfigSection f) {
        f.allowOnly(SERVICE_FACILITY_KEYS);
        String name = f.requiredText("name");
        String npi = npi(f, f.optionalText("npi"));
        ConfigSection addressSection = f.requiredSection("address");
        Address address = addressSection == null ? null : address(addressSection, "the service facility");
        return new ClinicConfig.ServiceFacility(name, npi, address);
    }

    /** EIN and ZIP may be written with a dash ({@code 12-3456789}, {@code 62701-1234}); X12 wants digits only. */
    private static String digits(String value) {
        return value == null ? null : value.replace("-", "");
    }
}
