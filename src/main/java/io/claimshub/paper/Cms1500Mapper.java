package io.claimshub.paper;

import io.claimshub.claim.Address;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Diagnosis;
import io.claimshub.claim.Person;
import io.claimshub.claim.ServiceLine;
import io.claimshub.config.ClinicConfig;
import io.claimshub.config.PayerConfig;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.claimshub.paper.Cms1500Item.*;

/**
 * Fills CMS-1500 (02/12) pages from the same claim record, clinic and payer settings the 837P writer
 * uses, item by item as the NUCC 1500 reference instructions describe. A claim with more than six
 * service lines takes more pages: every page repeats the claim's items, the lines continue six per
 * page, and the total charge (item 28) is on the last page only. Stateless.
 */
public final class Cms1500Mapper {

    private static final String MARK = "X";
    private static final String SIGNATURE_ON_FILE = "SIGNATURE ON FILE";
    /** Item 14 qualifier for the onset of the current illness (the 837's DTP*431). */
    private static final String ONSET_QUALIFIER = "431";
    private static final String REFERRING_QUALIFIER = "DN";
    /** Item 21: the diagnoses are ICD-10-CM. */
    private static final String ICD_10_INDICATOR = "0";
    private static final int MOST_DIAGNOSES = 12;

    /** Item 1 by SBR09 claim filing indicator; every other code is "Other". */
    private static final Map<String, Cms1500Item> PROGRAMS = Map.ofEntries(
            Map.entry("MA", ITEM_1_MEDICARE), Map.entry("MB", ITEM_1_MEDICARE),
            Map.entry("MC", ITEM_1_MEDICAID),
            Map.entry("CH", ITEM_1_TRICARE),
            Map.entry("VA", ITEM_1_CHAMPVA),
            Map.entry("FI", ITEM_1_FECA),
            Map.entry("CI", ITEM_1_GROUP_HEALTH_PLAN), Map.entry("BL", ITEM_1_GROUP_HEALTH_PLAN),
            Map.entry("HM", ITEM_1_GROUP_HEALTH_PLAN), Map.entry("12", ITEM_1_GROUP_HEALTH_PLAN),
            Map.entry("13", ITEM_1_GROUP_HEALTH_PLAN), Map.entry("14", ITEM_1_GROUP_HEALTH_PLAN),
            Map.entry("15", ITEM_1_GROUP_HEALTH_PLAN), Map.entry("16", ITEM_1_GROUP_HEALTH_PLAN),
            Map.entry("17", ITEM_1_GROUP_HEALTH_PLAN));

    /** Item 6 by X12 individual relationship code (18 self, 01 spouse, 19 child). */
    private static final Map<String, Cms1500Item> RELATIONSHIPS = Map.of(
            Coverage.SELF, ITEM_6_SELF, "01", ITEM_6_SPOUSE, "19", ITEM_6_CHILD);

    /**
     * @param printedOn the date of item 31 (the day the batch was made)
     * @return the claim's pages, at least one
     */
    public List<Cms1500Page> pages(Claim claim, ClinicConfig clinic, PayerConfig payer, LocalDate printedOn) {
        List<ServiceLine> lines = claim.lines();
        int pageCount = Math.max(1, (lines.size() + SERVICE_LINES_PER_PAGE - 1) / SERVICE_LINES_PER_PAGE);
        List<Cms1500Page> pages = new ArrayList<>(pageCount);
        for (int p = 0; p < pageCount; p++) {
            Cms1500Page page = new Cms1500Page();
            carrier(page, payer);
            patientAndInsured(page, claim, payer);
            physician(page, claim, printedOn, clinic);
            int first = p * SERVICE_LINES_PER_PAGE;
            for (int i = first; i < Math.min(lines.size(), first + SERVICE_LINES_PER_PAGE); i++) {
                serviceLine(page, i - first, lines.get(i), claim, clinic);
            }
            if (p == pageCount - 1) {
                page.put(ITEM_28_TOTAL_CHARGE, PaperText.amount(claim.totalCharge()));
            }
            pages.add(page);
        }
        return pages;
    }

    private static void carrier(Cms1500Page page, PayerConfig payer) {
        page.put(CARRIER_NAME, PaperText.text(payer.name()));
        Address address = ((PayerConfig.Delivery.Printed) payer.delivery()).paper().mailingAddress();
        page.put(CARRIER_STREET_1, PaperText.address(address.line1()));
        page.put(CARRIER_STREET_2, PaperText.address(address.line2()));
        page.put(CARRIER_CITY_STATE_ZIP, cityStateZip(address));
    }

    private static void patientAndInsured(Cms1500Page page, Claim claim, PayerConfig payer) {
        Coverage coverage = claim.primaryCoverage();
        Person patient = claim.patient();
        Person insured = coverage.insured() == null ? patient : coverage.insured();
        page.put(PROGRAMS.getOrDefault(payer.claimFilingIndicator(), ITEM_1_OTHER), MARK);
        page.put(ITEM_1A_INSURED_ID, PaperText.text(coverage.memberId()));

        page.put(ITEM_2_PATIENT_NAME, personName(patient));
        page.put(ITEM_3_BIRTH_DATE, PaperText.date8(patient.birthDate()));
        sex(page, patient.sex(), ITEM_3_MALE, ITEM_3_FEMALE);
        page.put(ITEM_4_INSURED_NAME, personName(insured));

        street(page, patient.address(), ITEM_5_STREET, ITEM_5_CITY, ITEM_5_STATE, ITEM_5_ZIP);
        page.put(RELATIONSHIPS.getOrDefault(coverage.patientIsInsured() ? Coverage.SELF : coverage.relationshipCode(),
                ITEM_6_OTHER), MARK);
        street(page, insured.address(), ITEM_7_STREET, ITEM_7_CITY, ITEM_7_STATE, ITEM_7_ZIP);

        // The claim model records no employment, auto or other accident: the 837 sends no related causes.
        page.put(ITEM_10A_NO, MARK);
        page.put(ITEM_10B_NO, MARK);
        page.put(ITEM_10C_NO, MARK);

        page.put(ITEM_11_GROUP_NUMBER, PaperText.text(coverage.groupNumber()));
        page.put(ITEM_11A_BIRTH_DATE, PaperText.date8(insured.birthDate()));
        sex(page, insured.sex(), ITEM_11A_MALE, ITEM_11A_FEMALE);
        page.put(ITEM_11C_PLAN_NAME, PaperText.text(coverage.payerName() == null ? payer.name() : coverage.payerName()));
        if (claim.coverages().size() > 1) {
            Coverage other = claim.coverages().get(1);
            page.put(ITEM_11D_YES, MARK);
            page.put(ITEM_9_OTHER_INSURED_NAME, personName(other.insured() == null ? patient : other.insured()));
            page.put(ITEM_9A_OTHER_POLICY, PaperText.text(other.groupNumber() == null ? other.memberId() : other.groupNumber()));
            page.put(ITEM_9D_OTHER_PLAN_NAME, PaperText.text(other.payerName()));
        } else {
            page.put(ITEM_11D_NO, MARK);
        }
        // CLM09 release of information and CLM08 assignment of benefits are always Y in the 837.
        page.put(ITEM_12_SIGNED, SIGNATURE_ON_FILE);
        page.put(ITEM_13_SIGNED, SIGNATURE_ON_FILE);
    }

    private static void physician(Cms1500Page page, Claim claim, LocalDate printedOn, ClinicConfig clinic) {
        if (claim.onsetDate() != null) {
            page.put(ITEM_14_DATE, PaperText.date6(claim.onsetDate()));
            page.put(ITEM_14_QUALIFIER, ONSET_QUALIFIER);
        }
        if (claim.referringProvider() != null) {
            // item 17: qualifier DN (referring provider) and the name first name first, as the NUCC
            // instructions want it; 17b the NPI, as 2310A NM109
            page.put(ITEM_17_QUALIFIER, REFERRING_QUALIFIER);
            page.put(ITEM_17_NAME, (PaperText.namePart(claim.referringProvider().firstName()) + " "
                    + PaperText.namePart(claim.referringProvider().lastName())).strip());
            page.put(ITEM_17B_NPI, claim.referringProvider().npi());
        }
        page.put(ITEM_21_ICD_INDICATOR, ICD_10_INDICATOR);
        List<Diagnosis> diagnoses = claim.diagnoses();
        for (int i = 0; i < Math.min(MOST_DIAGNOSES, diagnoses.size()); i++) {
            page.put(Cms1500Item.diagnosis(i), PaperText.text(diagnoses.get(i).code()).replace(".", ""));
        }
        String frequency = claim.frequencyCode() == null ? "1" : claim.frequencyCode();
        if (!"1".equals(frequency)) {
            page.put(ITEM_22_RESUBMISSION_CODE, frequency);
            page.put(ITEM_22_ORIGINAL_REFERENCE, PaperText.text(claim.originalPayerClaimNumber()));
        }
        page.put(ITEM_23_PRIOR_AUTHORIZATION, PaperText.text(claim.priorAuthorization()));

        page.put(ITEM_25_TAX_ID, PaperText.digits(clinic.taxId()));
        page.put(ITEM_25_EIN, MARK);
        page.put(ITEM_26_PATIENT_ACCOUNT, PaperText.text(claim.patientControlNumber()));
        page.put(ITEM_27_YES, MARK);

        page.put(ITEM_31_SIGNED, SIGNATURE_ON_FILE);
        page.put(ITEM_31_DATE, PaperText.date6(printedOn));
        // Without a service facility (2310C) the services were rendered at the billing address.
        ClinicConfig.ServiceFacility facility = clinic.serviceFacility();
        Address facilityAddress = facility == null ? clinic.address() : facility.address();
        page.put(ITEM_32_NAME, PaperText.text(facility == null ? clinic.name() : facility.name()));
        page.put(ITEM_32_STREET, street(facilityAddress));
        page.put(ITEM_32_CITY_STATE_ZIP, cityStateZip(facilityAddress));
        if (facility != null) {
            page.put(ITEM_32A_NPI, facility.npi());
        }
        page.put(ITEM_33_NAME, PaperText.text(clinic.name()));
        page.put(ITEM_33_STREET, street(clinic.address()));
        page.put(ITEM_33_CITY_STATE_ZIP, cityStateZip(clinic.address()));
        page.put(ITEM_33_PHONE, phone(clinic.submitter() == null ? null : clinic.submitter().phone()));
        page.put(ITEM_33A_NPI, clinic.npi());
        if (clinic.taxonomy() != null) {
            page.put(ITEM_33B_OTHER_ID, "ZZ" + PaperText.text(clinic.taxonomy()));
        }
    }

    private static void serviceLine(Cms1500Page page, int row, ServiceLine line, Claim claim, ClinicConfig clinic) {
        String date = PaperText.date6(line.serviceDate());
        page.put(ITEM_24A_FROM, row, date);
        page.put(ITEM_24A_TO, row, date);
        page.put(ITEM_24B_PLACE_OF_SERVICE, row,
                claim.placeOfService() != null ? claim.placeOfService() : clinic.placeOfService());
        page.put(ITEM_24D_PROCEDURE, row, PaperText.text(line.procedureCode()));
        Cms1500Item[] modifiers = {ITEM_24D_MODIFIER_1, ITEM_24D_MODIFIER_2, ITEM_24D_MODIFIER_3, ITEM_24D_MODIFIER_4};
        for (int m = 0; m < Math.min(modifiers.length, line.modifiers().size()); m++) {
            page.put(modifiers[m], row, PaperText.text(line.modifiers().get(m)));
        }
        StringBuilder pointers = new StringBuilder();
        for (int pointer : line.diagnosisPointers()) {
            if (pointer >= 1 && pointer <= MOST_DIAGNOSES && pointers.length() < 4) {
                pointers.append((char) ('A' + pointer - 1));
            }
        }
        page.put(ITEM_24E_POINTER, row, pointers.toString());
        page.put(ITEM_24F_CHARGES, row, PaperText.amount(line.chargeAmount()));
        page.put(ITEM_24G_UNITS, row, PaperText.units(line.units()));
        if (line.renderingProvider() != null) {
            page.put(ITEM_24J_RENDERING_NPI, row, line.renderingProvider().npi());
        }
        if (line.drug() != null) {
            // the shaded line: N4, the 11-digit NDC, a space, the unit qualifier and the quantity (2410 LIN03, CTP05-1, CTP04)
            page.put(ITEM_24_SUPPLEMENTAL, row, "N4" + line.drug().ndc() + " " + line.drug().unit()
                    + PaperText.units(line.drug().quantity()));
        }
    }

    private static String personName(Person person) {
        return PaperText.name(person.lastName(), person.firstName(), person.middleName());
    }

    private static void sex(Cms1500Page page, String sex, Cms1500Item male, Cms1500Item female) {
        if ("M".equals(sex)) {
            page.put(male, MARK);
        } else if ("F".equals(sex)) {
            page.put(female, MARK);
        }
    }

    private static void street(Cms1500Page page, Address address, Cms1500Item street, Cms1500Item city,
                               Cms1500Item state, Cms1500Item zip) {
        if (address == null) {
            return;
        }
        page.put(street, street(address));
        page.put(city, PaperText.address(address.city()));
        page.put(state, PaperText.text(address.state()));
        page.put(zip, PaperText.digits(address.zip()));
    }

    private static String street(Address address) {
        return PaperText.address(address.line2() == null ? address.line1() : address.line1() + " " + address.line2());
    }

    private static String cityStateZip(Address address) {
        return PaperText.address(address.city()) + " " + PaperText.text(address.state()) + " "
                + PaperText.digits(address.zip());
    }

    /** "217 5551212": the area code in its own part of the box, no dashes. */
    private static String phone(String phone) {
        String digits = PaperText.digits(phone);
        return digits.length() == 10 ? digits.substring(0, 3) + " " + digits.substring(3) : digits;
    }
}
