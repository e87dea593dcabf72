package io.claimshub.replies;

/**
 * What the ledger keeps of one reply about one claim, as JSON in {@code claim_reply.detail}: the reply's
 * meaning with every amount, adjustment and remark, and for an 835 the clinic's share of the payment.
 * The API's claim detail is read from it.
 *
 * @param remittance null unless the reply is an 835
 */
public record ReplyDetail(ReplyOutcome outcome, ClaimStatusRecord.RemittanceShare remittance) {
}
