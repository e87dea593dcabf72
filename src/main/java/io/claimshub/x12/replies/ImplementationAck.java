package io.claimshub.x12.replies;

import java.util.List;

/**
 * A 999 (005010X231A1): the payer's syntax check of one functional group and of each set in it.
 *
 * @param groupControlNumber AK1-2, the GS06 of the group it answers
 * @param groupAckCode       AK9-1: A, E, P (partially accepted), R
 * @param groupErrorCodes    AK9-5 … AK9-9
 * @param replyControlNumber ISA13 of the interchange the 999 came in
 */
public record ImplementationAck(String replyControlNumber, String transactionControlNumber, String functionalId,
                                String groupControlNumber, String version, List<SetAck> sets, String groupAckCode,
                                List<String> groupErrorCodes) {

    public ImplementationAck {
        sets = List.copyOf(sets);
        groupErrorCodes = List.copyOf(groupErrorCodes);
    }

    /**
     * One AK2 … IK5 loop.
     *
     * @param controlNumber AK2-2, the ST02 it answers
     * @param ackCode       IK5-1: A accepted, E accepted with errors, R / M / W / X rejected
     * @param setErrorCodes IK5-2 … IK5-6
     */
    public record SetAck(String setId, String controlNumber, String ackCode, List<String> setErrorCodes,
                         List<SegmentError> errors) {
        public SetAck {
            setErrorCodes = List.copyOf(setErrorCodes);
            errors = List.copyOf(errors);
        }

        public boolean rejected() {
            return !"A".equals(ackCode) && !"E".equals(ackCode);
        }
    }

    /** IK3: segment id, its position in the set, loop id and the IK304 error code, with its IK4s and CTX context. */
    public record SegmentError(String segmentId, String position, String loopId, String code, List<ElementError> elements,
                               List<String> context) {
        public SegmentError {
            elements = List.copyOf(elements);
            context = List.copyOf(context);
        }
    }

    /** IK4: element position (and component), data element reference number, IK403 error code, bad value. */
    public record ElementError(String position, String component, String reference, String code, String badValue) {
    }
}
