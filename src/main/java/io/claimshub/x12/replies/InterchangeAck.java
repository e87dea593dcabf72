package io.claimshub.x12.replies;

/**
 * A TA1: the payer's answer to a whole interchange.
 *
 * @param interchangeControlNumber TA1-1, the ISA13 of the interchange it answers
 * @param ackCode                  TA1-4: A accepted, E accepted with errors, R rejected
 * @param noteCode                 TA1-5, why (000 = no error)
 * @param replyControlNumber       ISA13 of the interchange the TA1 came in
 */
public record InterchangeAck(String interchangeControlNumber, String date, String time, String ackCode, String noteCode,
                             String replyControlNumber) {

    public boolean rejected() {
        return "R".equals(ackCode);
    }
}
