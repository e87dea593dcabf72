package io.claimshub;

import io.claimshub.batch.BatchWriter;
import io.claimshub.ledger.LedgerDatabase;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Start-up and shutdown work that must bracket the routes: finishing batches a crash interrupted
 * before any route runs, and writing whatever claims still wait (then closing the ledger) after every
 * route has stopped. Camel stops services after routes, so no claim arrives after the last flush.
 */
final class HubLifecycle extends ServiceSupport {

    private final BatchWriter batches;
    private final LedgerDatabase database;

    HubLifecycle(BatchWriter batches, LedgerDatabase database) {
        this.batches = batches;
        this.database = database;
    }

    @Override
    protected void doStart() {
        batches.recover();
    }

    @Override
    protected void doStop() {
        try {
            batches.flushAll();
        } finally {
            database.close();
        }
    }
}
