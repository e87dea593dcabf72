package io.claimshub.ledger;

/**
 * This node's lease on a piece of work ran out and another node took the work over: this node must
 * leave it unfinished. Not a failure of the work itself, which the other node finishes.
 */
public final class LeaseLostException extends LedgerException {

    public LeaseLostException(String message) {
        super(message);
    }
}
