package io.claimshub.api;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.ClaimQueries.Requeue;

/**
 * Redelivery as far as the ledger goes: the dead batch and its claims go back to QUEUED, each claim
 * with a history row; the delivery flow picks the batch up from there.
 */
public final class LedgerRedelivery implements Redelivery {

    private final ClaimQueries queries;

    public LedgerRedelivery(ClaimQueries queries) {
        this.queries = queries;
    }

    @Override
    public Result redeliver(String fileName) {
        Requeue requeue = queries.requeueDeadBatch(fileName, "an operator (API)");
        Outcome outcome = switch (requeue.kind()) {
            case REQUEUED -> Outcome.QUEUED;
            case NO_SUCH_BATCH -> Outcome.NO_SUCH_FILE;
            case NOT_DEAD -> Outcome.NOT_DEAD;
        };
        return new Result(outcome, requeue.batchStatus(), requeue.claims());
    }
}
