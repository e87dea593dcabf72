package io.claimshub;

import io.claimshub.batch.BatchWriter;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Start-up and shutdown work that must bracket the routes: finishing batches a crash interrupted
 * before any route runs, and writing whatever claims still wait (then closing the ledger) after every
 * route has stopped. Camel stops services after routes, so no claim arrives after the last flush.
 */
final class HubLifecycle extends ServiceSupport {

    private final HubNodes nodes;
    private final BatchWriter batches;
    private final LedgerDatabase database;

    HubLifecycle(HubNodes nodes, BatchWriter batches, LedgerDatabase database) {
        this.nodes = nodes;
        this.batches = batches;
        this.database = database;
    }

    @Override
    protected void doStart() {
        nodes.join();
        batches.recover();
    }

    @Override
    protected void doStop() {
        try {
            batches.flushAll();
        } finally {
            // the lease ends before the pool closes: other hubs take over what is left at once
            nodes.close();
            database.close();
        }
    }
}
