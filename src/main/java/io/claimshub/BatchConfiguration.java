package io.claimshub;

import io.claimshub.batch.BatchDestinations;
import io.claimshub.batch.BatchWriter;
import io.claimshub.config.PartnerConfig;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.observe.DeliveryHealth;
import io.claimshub.x12.Claim837Writer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.time.Clock;

/** Batching (routes/claims-batch.camel.yaml): accepted claims wait in the ledger until their payer's 837P is written. */
public class BatchConfiguration implements CamelConfiguration {

    @BindToRegistry("batchWriter")
    public BatchWriter batchWriter(PartnerConfig partners, BatchLedger ledger, HubFolders folders, Clock clock,
                                   ClaimMetrics metrics, DeliveryHealth health) {
        BatchWriter batches = new BatchWriter(partners, ledger, new Claim837Writer(),
                new BatchDestinations(folders.dataDir()), clock, metrics);
        batches.listen((payer, unwritten, error) -> {
            health.unwritten(payer, unwritten, error);
            metrics.unwrittenBatches(payer, unwritten);
        });
        return batches;
    }

    /** Batches a crash interrupted are finished before any route runs; what waits is written after the last one stops. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addService(new HubLifecycle(Beans.of(context, HubNodes.class), Beans.of(context, BatchWriter.class),
                Beans.of(context, LedgerDatabase.class)), true, true);
    }
}
