package io.claimshub.hl7;

import ca.uhn.hl7v2.model.Message;
import io.claimshub.claim.Claim;
import io.claimshub.claim.Coverage;
import io.claimshub.claim.Person;
import io.claimshub.claim.Reason;
import io.claimshub.claim.ServiceLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps a DFT^P03 to a {@link Claim} as docs/mapping.md describes. Fields are
 * read by position, so any version {@link Hl7Parser} accepts maps the same way. Z-segments and segments
 * the contract does not list (GT1, IN2, PR1, ORC, OBX, …) are ignored.
 *
 * <p>Choices the contract leaves open:
 * <ul>
 *   <li>CLM05-1 place of service: PV1-3 point of care, only when it is two digits and PV1-3 names no room
 *       or bed (a ward location is not a CMS code); otherwise null and the clinic's default applies.</li>
 *   <li>CLM05-3 frequency: always 1 (original). HL7 v2 has no standard field for it; replacements and
 *       voids need the payer's claim number, which a DFT^P03 does not carry.</li>
 *   <li>REF*G1 prior authorization: IN1-14-1 (authorization number) of the primary insurance.</li>
 *   <li>DTP*431 onset: DG1-5 of the principal diagnosis (see {@link DiagnosisMapper#onsetDate()}).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class DftMapper {

    private static final String FREQUENCY_ORIGINAL = "1";
    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    public MappingResult map(Message dft) {
        return map(MessageSegments.of(dft));
    }

    /** The same mapping for a message {@link Hl7Parser#read} returned, read by the lean reader or by HAPI. */
    public MappingResult map(DftMessage dft) {
        return map(dft.segments());
    }

    private MappingResult map(MessageSegments segments) {
        List<Reason> problems = new ArrayList<>();
        List<FieldReader> ft1s = segments.readers("FT1", problems);
        if (ft1s.isEmpty()) {
            problems.add(new Reason("FT1", "NO_CHARGE_LINES", "the message has no FT1 segment: nothing to bill"));
            return new MappingResult(null, problems);
        }
        FieldReader pid = segments.first("PID", problems);
        FieldReader pv1 = segments.first("PV1", problems);
        Person patient = null;
        if (pid == null) {
            problems.add(new Reason("PID", "NO_PATIENT", "the message has no PID segment"));
        } else {
            patient = PersonMapper.patient(pid);
        }
        String patientControlNumber = patientControlNumber(pid, pv1, problems);

        ChargeMapper charges = new ChargeMapper(patientControlNumber);
        ft1s.forEach(charges::add);
        if (charges.charges().isEmpty()) {
            problems.add(new Reason("FT1", "NO_CHARGE_LINES", "no FT1 has transaction type CG (charge): nothing to bill"));
        }
        DiagnosisMapper diagnoses = new DiagnosisMapper(segments.readers("DG1", problems), charges.charges());
        List<ServiceLine> lines = new ArrayList<>();
        BigDecimal totalCharge = BigDecimal.ZERO;
        for (Charge charge : charges.charges()) {
            ServiceLine line = charge.toServiceLine(diagnoses.diagnoses());
            lines.add(line);
            if (line.chargeAmount() != null) {
                totalCharge = totalCharge.add(line.chargeAmount());
            }
        }

        List<FieldReader> in1s = CoverageMapper.byPriority(segments.readers("IN1", problems));
        List<Coverage> coverages = new ArrayList<>();
        for (FieldReader in1 : in1s) {
            coverages.add(CoverageMapper.coverage(in1, patient, coverages.isEmpty()));
        }
        if (in1s.isEmpty()) {
            problems.add(new Reason("IN1", "NO_INSURANCE", "the message has no IN1 segment: there is no payer to bill"));
        }

        Claim claim = new Claim(
                patientControlNumber,
                totalCharge,
                FREQUENCY_ORIGINAL,
                null,
                placeOfService(pv1),
                in1s.isEmpty() ? null : in1s.get(0).text(14),
                diagnoses.onsetDate(),
                patient,
                coverages,
                diagnoses.diagnoses(),
                lines,
                charges.transactions(),
                pv1 == null ? null : XcnProvider.read(pv1, 8));
        return new MappingResult(claim, problems);
    }

    /** CLM01: PID-18 account number, else PV1-19 visit number. */
    private static String patientControlNumber(FieldReader pid, FieldReader pv1, List<Reason> problems) {
        String accountNumber = pid == null ? null : pid.text(18);
        if (accountNumber != null) {
            return accountNumber;
        }
        String visitNumber = pv1 == null ? null : pv1.text(19);
        if (visitNumber == null) {
            problems.add(new Reason("PID", "NO_PATIENT_CONTROL_NUMBER",
                    "PID-18 account number and PV1-19 visit number are both empty: the claim has no id (CLM01)"));
        }
        return visitNumber;
    }

    private static String placeOfService(FieldReader pv1) {
        if (pv1 == null) {
            return null;
        }
        String pointOfCare = pv1.text(3, 1);
        boolean namesRoomOrBed = pv1.text(3, 2) != null || pv1.text(3, 3) != null;
        return pointOfCare != null && TWO_DIGITS.matcher(pointOfCare).matches() && !namesRoomOrBed ? pointOfCare : null;
    }
}
