package io.claimshub.hl7;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates valid, varied DFT^P03 messages for load tests and benchmarks: 1 to 6 charge lines with CPT
 * or HCPCS codes and amounts, 1 to 4 ICD-10 codes, a primary ACME insurance (IN1-3 {@code ACME}, the
 * sample payer of config.md), sometimes a second insurance, sometimes a dependent patient, MSH-4
 * {@code SUNRISE}. Everything is synthetic. The same seed (and day) gives the same messages.
 *
 * <pre>{@code
 * Hl7MessageFactory factory = new Hl7MessageFactory(42);
 * String er7 = factory.next();          // segments separated by \r
 * factory.writeBatch(writer, 100_000);  // FHS/BHS … BTS/FTS file, streamed
 * }</pre>
 */
public final class Hl7MessageFactory {

    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[][] PROCEDURES = {
            {"99212", "55.00"}, {"99213", "110.00"}, {"99214", "145.00"}, {"99203", "150.00"},
            {"93000", "45.00"}, {"36415", "12.50"}, {"81002", "9.00"}, {"85025", "18.00"},
            {"80053", "28.00"}, {"90471", "25.00"}, {"90686", "32.00"}, {"71046", "65.00"},
            {"G0439", "175.00"}, {"J1100", "8.00"}, {"97110", "40.00"}, {"87804", "35.00"}};
    private static final String[] MODIFIERS = {"25", "59", "QW", "RT", "LT"};
    private static final String[] DIAGNOSES = {
            "J20.9", "R05.9", "E11.9", "I10", "M54.50", "Z00.00", "J06.9", "N39.0", "K21.9", "R51.9",
            "E78.5", "F41.1", "Z23", "R50.9"};
    private static final String[] LAST_NAMES = {"DOE", "SMITH", "GARCIA", "NGUYEN", "JOHNSON", "O'BRIEN", "KOWALSKI", "PATEL"};
    private static final String[] FIRST_NAMES = {"JANE", "JOHN", "SOFIA", "LIAM", "AVA", "NOAH", "MIA", "ELIJAH"};
    private static final String[] STREETS = {"ELM ST", "OAK AVE", "MAPLE DR", "BIRCH CT", "LINCOLN HWY"};
    private static final String[][] SECOND_PAYERS = {
            {"BCBSIL", "BLUE CROSS BLUE SHIELD OF ILLINOIS"}, {"MEDICARE", "MEDICARE PART B"}, {"AETNA", "AETNA"}};
    private static final String[] VERSIONS = {"2.5.1", "2.5.1", "2.5.1", "2.4", "2.3"};

    private final Random random;
    private final LocalDate today;
    private final long seed;
    private final List<String> renderingNpis = new ArrayList<>();
    private int count;

    public Hl7MessageFactory(long seed) {
        this(seed, LocalDate.now());
    }

    /** @param today service dates fall in the 30 days before it */
    public Hl7MessageFactory(long seed, LocalDate today) {
        this.seed = seed;
        this.random = new Random(seed);
        this.today = today;
        renderingNpis.add("1245319599");
        for (int i = 0; i < 4; i++) {
            renderingNpis.add(npi(100_000_000 + random.nextInt(900_000_000)));
        }
    }

    /** The next message; MSH-10 and PID-18 are unique for this factory. */
    public String next() {
        count++;
        String account = String.format("G%d-%07d", Math.floorMod(seed, 1000), count);
        Patient patient = patient();
        LocalDate serviceDate = today.minusDays(1 + random.nextInt(30));
        List<String> diagnoses = diagnoses();
        List<String> segments = new ArrayList<>();
        segments.add("MSH|^~\\&|SUNRISE_EHR|SUNRISE|CLAIMSHUB|CLAIMSHUB|" + serviceDate.format(HL7_DATE) + "170000||DFT^P03|"
                + account + "|P|" + pick(VERSIONS));
        segments.add("EVN|P03|" + serviceDate.format(HL7_DATE) + "170000");
        segments.add(segment("PID", 1, "1", 3, account.replace("-", "") + "^^^SUNRISE^MR", 5, patient.name,
                7, patient.birthDate.format(HL7_DATE), 8, patient.sex, 11, patient.address, 18, account));
        segments.add("PV1|1|O|11");
        String npi = renderingNpis.get(random.nextInt(renderingNpis.size()));
        int lines = 1 + random.nextInt(6);
        for (int line = 1; line <= lines; line++) {
            segments.add(ft1(line, account, serviceDate, diagnoses, npi));
        }
        for (int i = 0; i < diagnoses.size(); i++) {
            segments.add(segment("DG1", 1, String.valueOf(i + 1), 2, "I10", 3, diagnoses.get(i) + "^^I10",
                    5, serviceDate.format(HL7_DATE), 6, "F", 15, String.valueOf(i + 1)));
        }
        List<String> insurances = insurances(patient);
        if (insurances.size() == 2 && random.nextBoolean()) {
            // Same set ids, written in the other order: the primary must not change.
            insurances = List.of(insurances.get(1), insurances.get(0));
        }
        segments.addAll(insurances);
        return String.join("\r", segments) + "\r";
    }

    /** Writes an FHS/BHS … BTS/FTS batch of {@code messages} messages without holding it in memory. */
    public void writeBatch(Appendable out, int messages) {
        try {
            out.append("FHS|^~\\&|SUNRISE_EHR|SUNRISE|CLAIMSHUB|CLAIMSHUB\r");
            out.append("BHS|^~\\&|SUNRISE_EHR|SUNRISE|CLAIMSHUB|CLAIMSHUB\r");
            for (int i = 0; i < messages; i++) {
                out.append(next());
            }
            out.append("BTS|").append(String.valueOf(messages)).append("\r");
            out.append("FTS|1\r");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String ft1(int line, String account, LocalDate serviceDate, List<String> diagnoses, String npi) {
        String[] procedure = pick(PROCEDURES);
        int units = random.nextInt(5) == 0 ? 2 + random.nextInt(2) : 1;
        BigDecimal unitPrice = new BigDecimal(procedure[1]);
        boolean extendedAmount = random.nextInt(4) != 0;
        List<String> pointers = new ArrayList<>(List.of(diagnoses.get(random.nextInt(diagnoses.size()))));
        if (diagnoses.size() > 1 && random.nextBoolean()) {
            String second = diagnoses.get(random.nextInt(diagnoses.size()));
            if (!pointers.contains(second)) {
                pointers.add(second);
            }
        }
        String modifier = random.nextInt(4) == 0 ? pick(MODIFIERS) : "";
        return segment("FT1", 1, String.valueOf(line), 2, "T" + account + "-" + line, 4, serviceDate.format(HL7_DATE),
                6, "CG", 7, procedure[0] + "^^C4", 10, String.valueOf(units),
                11, extendedAmount ? unitPrice.multiply(BigDecimal.valueOf(units)).toPlainString() : "",
                12, unitPrice.toPlainString(), 19, String.join("~", pointers), 20, npi + "^WELBY^MARCUS",
                25, procedure[0] + "^^C4", 26, modifier);
    }

    private List<String> diagnoses() {
        List<String> codes = new ArrayList<>();
        int wanted = 1 + random.nextInt(4);
        while (codes.size() < wanted) {
            String code = pick(DIAGNOSES);
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    private List<String> insurances(Patient patient) {
        List<String> in1s = new ArrayList<>();
        in1s.add(in1(1, "ACME", "ACME HEALTH PLAN", "ACM" + digits(9), patient));
        if (random.nextInt(10) < 4) {
            String[] payer = pick(SECOND_PAYERS);
            in1s.add(in1(2, payer[0], payer[1], payer[0].charAt(0) + digits(10), patient));
        }
        return in1s;
    }

    private String in1(int setId, String payerKey, String payerName, String memberId, Patient patient) {
        String relationship = patient.dependent ? "CHD" : "SEL";
        String insuredName = patient.dependent ? patient.guardianName : patient.name;
        LocalDate insuredBirthDate = patient.dependent ? patient.guardianBirthDate : patient.birthDate;
        String insuredSex = patient.dependent ? patient.guardianSex : patient.sex;
        return segment("IN1", 1, String.valueOf(setId), 3, payerKey, 4, payerName, 8, "GRP" + digits(5),
                16, insuredName, 17, relationship, 18, insuredBirthDate.format(HL7_DATE), 19, patient.address,
                36, memberId, 43, insuredSex);
    }

    /** A segment from (field number, value) pairs; the fields in between are empty. */
    private static String segment(String name, Object... numbersAndValues) {
        int last = (Integer) numbersAndValues[numbersAndValues.length - 2];
        String[] fields = new String[last + 1];
        Arrays.fill(fields, "");
        fields[0] = name;
        for (int i = 0; i < numbersAndValues.length; i += 2) {
            fields[(Integer) numbersAndValues[i]] = (String) numbersAndValues[i + 1];
        }
        return String.join("|", fields);
    }

    private Patient patient() {
        String last = pick(LAST_NAMES);
        String address = (1 + random.nextInt(9999)) + " " + pick(STREETS) + "^^SPRINGFIELD^IL^627" + digits(2)
                + (random.nextBoolean() ? "-" + digits(4) : "");
        String sex = random.nextBoolean() ? "F" : "M";
        if (random.nextInt(4) == 0) {
            LocalDate birthDate = today.minusYears(2 + random.nextInt(15)).minusDays(random.nextInt(365));
            return new Patient(last + "^" + pick(FIRST_NAMES), birthDate, sex, address, true,
                    last + "^" + pick(FIRST_NAMES), today.minusYears(30 + random.nextInt(20)), random.nextBoolean() ? "F" : "M");
        }
        LocalDate birthDate = today.minusYears(18 + random.nextInt(70)).minusDays(random.nextInt(365));
        return new Patient(last + "^" + pick(FIRST_NAMES), birthDate, sex, address, false, null, null, null);
    }

    /** A valid NPI: nine digits and the Luhn check digit over the 80840 prefix. */
    private static String npi(int nineDigits) {
        String base = String.valueOf(nineDigits);
        int sum = 24;
        for (int i = 8; i >= 0; i--) {
            int digit = base.charAt(i) - '0';
            if ((8 - i) % 2 == 0) {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }
            sum += digit;
        }
        return base + (10 - sum % 10) % 10;
    }

    private String digits(int length) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private record Patient(String name, LocalDate birthDate, String sex, String address, boolean dependent,
                           String guardianName, LocalDate guardianBirthDate, String guardianSex) {
    }
}
