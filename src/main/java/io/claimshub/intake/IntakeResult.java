package io.claimshub.intake;

import io.claimshub.claim.Reason;

import java.util.List;

/**
 * What became of one claim or message that came in.
 *
 * @param claimId ledger id; null when the input never became a claim (unreadable message)
 * @param clm01   patient control number, when known
 * @param payerId the payers.yaml id the claim goes to, when known
 */
public record IntakeResult(Kind kind, Long claimId, String clm01, String payerId, List<Reason> reasons) {

    public enum Kind {
        /** Passed the edits and waits for its payer's next batch. */
        ACCEPTED,
        /** Failed the edits (or reuses a CLM01 already sent); the clinic's outbox has the reasons. */
        REJECTED,
        /** The same claim was received before: nothing new was created or sent. */
        DUPLICATE,
        /** The message could not be parsed or mapped at all. */
        UNREADABLE,
        /** A live-feed message reusing an MSH-10 of a different message: nothing was recorded. */
        REFUSED
    }

    public IntakeResult {
        reasons = List.copyOf(reasons);
    }
}
