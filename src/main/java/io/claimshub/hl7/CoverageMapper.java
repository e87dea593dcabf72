package io.claimshub.hl7;

import io.claimshub.claim.Coverage;
import io.claimshub.claim.Person;

import java.util.List;

/** The patient's insurances (IN1), primary first. */
final class CoverageMapper {

    private CoverageMapper() {
    }

    /**
     * IN1s by IN1-1 set id, lowest first, so the primary does not depend on the order the EHR wrote them
     * in; IN1s without a set id follow in message order.
     */
    static List<FieldReader> byPriority(List<FieldReader> in1s) {
        return FieldReader.ordered(in1s, CoverageMapper::rank);
    }

    /**
     * IN1-3 company id (the key into payers.yaml), IN1-4 company name, IN1-8 group number, IN1-36 policy
     * number (member id), IN1-17 relationship and the insured (see {@link PersonMapper#insured}). Only
     * the primary's gaps are reported: the claim is billed to it.
     */
    static Coverage coverage(FieldReader in1, Person patient, boolean primary) {
        String relationship = InsuredRelationship.x12Code(in1.text(17));
        boolean patientIsInsured = Coverage.SELF.equals(relationship);
        Person insured = PersonMapper.insured(in1, patient, patientIsInsured);
        if (primary && !patientIsInsured && insured.lastName() == null) {
            in1.problem("NO_INSURED_NAME", "IN1-16 insured's name is empty but IN1-17 says the patient is not the insured");
        }
        return new Coverage(in1.origin(), in1.text(3), in1.text(4), in1.text(8), in1.text(36), relationship, insured);
    }

    private static int rank(FieldReader in1) {
        int setId = in1.positiveInteger(1);
        return setId == 0 ? Integer.MAX_VALUE : setId;
    }
}
