package io.claimshub.api;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.DeliveryLedger;

import java.util.Optional;

/**
 * Redelivery through the delivery flow's own ledger: a dead batch gets a fresh set of attempts, its
 * claims go back to QUEUED, and the delivery tick sends it (from the dead-letter folder) on its next
 * round. The API answers at once; the attempt itself runs on the payer's delivery thread.
 */
public final class DeliveryRedelivery implements Redelivery {

    private final DeliveryLedger deliveries;
    private final ClaimQueries queries;

    public DeliveryRedelivery(DeliveryLedger deliveries, ClaimQueries queries) {
        this.deliveries = deliveries;
        this.queries = queries;
    }

    @Override
    public Result redeliver(String fileName) {
        Optional<DeliveryLedger.Delivery> delivery = deliveries.byFileName(fileName);
        if (delivery.isEmpty()) {
            return new Result(Outcome.NO_SUCH_FILE, null, 0);
        }
        String status = delivery.get().status();
        if (!DeliveryLedger.DEAD.equals(status)) {
            return new Result(Outcome.NOT_DEAD, status, 0);
        }
        int claims = queries.deadBatches().stream().filter(b -> b.fileName().equals(fileName))
                .mapToInt(ClaimQueries.DeadBatch::claimCount).findFirst().orElse(0);
        deliveries.requeue(delivery.get().batchId());
        return new Result(Outcome.QUEUED, status, claims);
    }
}
