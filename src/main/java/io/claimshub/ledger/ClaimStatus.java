package io.claimshub.ledger;

import java.util.Locale;

/**
 * Where a claim is in its life. The rank orders the statuses along that life so that a late or
 * repeated event (a 999 after a 277CA) never moves a claim backwards.
 */
public enum ClaimStatus {
    /** Failed the edits, or reuses a CLM01 already sent; the clinic has the reasons. */
    REJECTED(0),
    /** Replaced by a corrected version before it was sent. */
    SUPERSEDED(0),
    /** Passed the edits; waits for its payer's next batch. */
    VALIDATED(1),
    /** Written into an 837 batch file that waits for delivery. */
    QUEUED(2),
    SENDING(3),
    DELIVERED(4),
    /**
     * Printed on a CMS-1500 for a paper payer: no 999 or 277CA will come; it waits for an 835 or a
     * payment entered through the API.
     */
    PRINTED(4),
    /** Delivery failed for good; the batch is in the dead-letter area. */
    DEAD(4),
    ACKNOWLEDGED(5),
    ACCEPTED(6),
    PAYER_REJECTED(7),
    PARTIALLY_PAID(8),
    PAID(8),
    DENIED(8),
    /** An 835 reversed the payment; the corrected payment that follows (an 835) moves the claim again. */
    REVERSED(9);

    private final int rank;

    ClaimStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** "partially paid" */
    public String display() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
