package io.claimshub.simulator;

import io.xlate.edi.stream.EDIStreamValidationError;

/** StAEDI validation errors as the codes a 999 (IK304, IK403) and a TA1 (TA105) carry. */
final class X12ErrorCodes {

    private X12ErrorCodes() {
    }

    /** IK304 implementation segment syntax error code. */
    static String segmentCode(EDIStreamValidationError error) {
        return switch (error) {
            case UNRECOGNIZED_SEGMENT_ID -> "1";
            case UNEXPECTED_SEGMENT -> "2";
            case MANDATORY_SEGMENT_MISSING -> "3";
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> "4";
            case SEGMENT_EXCEEDS_MAXIMUM_USE -> "5";
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET -> "6";
            case SEGMENT_NOT_IN_PROPER_SEQUENCE -> "7";
            case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT -> "I4";
            case IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING -> "I6";
            case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES -> "I7";
            case IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE -> "I8";
            case IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT -> "I9";
            default -> "8";
        };
    }

    /** IK403 implementation data element syntax error code. */
    static String elementCode(EDIStreamValidationError error) {
        return switch (error) {
            case REQUIRED_DATA_ELEMENT_MISSING -> "1";
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> "2";
            case TOO_MANY_DATA_ELEMENTS -> "3";
            case DATA_ELEMENT_TOO_SHORT -> "4";
            case DATA_ELEMENT_TOO_LONG -> "5";
            case INVALID_CHARACTER_DATA -> "6";
            case INVALID_CODE_VALUE -> "7";
            case INVALID_DATE -> "8";
            case INVALID_TIME -> "9";
            case EXCLUSION_CONDITION_VIOLATED -> "10";
            case TOO_MANY_REPETITIONS -> "12";
            case TOO_MANY_COMPONENTS -> "13";
            case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT -> "I10";
            case IMPLEMENTATION_TOO_FEW_REPETITIONS -> "I11";
            case IMPLEMENTATION_PATTERN_MATCH_FAILURE -> "I12";
            case IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT -> "I13";
            case IMPLEMENTATION_INVALID_CODE_VALUE -> "I6";
            case IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING -> "I9";
            default -> "7";
        };
    }

    /** TA105 interchange note code for an error in ISA element {@code position} or in the IEA. */
    static String interchangeCode(String tag, int position, EDIStreamValidationError error) {
        if ("IEA".equals(tag)) {
            return position == 1 ? "021" : "001";
        }
        return switch (position) {
            case 1 -> "010";
            case 2 -> "011";
            case 3 -> "012";
            case 4 -> "013";
            case 5 -> "005";
            case 6 -> "006";
            case 7 -> "007";
            case 8 -> "008";
            case 9 -> "014";
            case 10 -> "015";
            case 11 -> "026";
            case 12 -> "017";
            case 13 -> "018";
            case 14 -> "019";
            case 15 -> "020";
            case 16 -> "027";
            default -> error == EDIStreamValidationError.NONE ? "024" : "022";
        };
    }
}
