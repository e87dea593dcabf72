package io.claimshub;

import io.claimshub.config.PartnerConfig;
import io.claimshub.delivery.DeliveryService;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.observe.DeliveryHealth;
import io.claimshub.observe.DeliveryObserver;
import io.claimshub.transport.CamelTransports;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Clock;

/**
 * Delivery to sftp and http payers (routes/delivery.camel.yaml), driven by the ledger; the files go out
 * through Camel's sftp and http producers, one endpoint per payer in this context.
 */
public class DeliveryConfiguration extends ContextAwareConfiguration {

    @BindToRegistry("deliveryService")
    public DeliveryService deliveryService(PartnerConfig partners, LedgerDatabase database, HubNodes nodes, HubFolders folders,
                                           Clock clock, DeliveryHealth health, ClaimMetrics metrics) {
        DeliveryService delivery = new DeliveryService(partners, new DeliveryLedger(database.dataSource(), clock, nodes.nodeId()),
                folders.dataDir(), clock, new CamelTransports(context, System::getenv));
        delivery.listen(new DeliveryObserver(health, metrics));
        return delivery;
    }

    /** Added after the batch flow's lifecycle, so Camel stops it first: running uploads finish before the ledger closes. */
    @Override
    public void configure(CamelContext context) throws Exception {
        DeliveryService delivery = Beans.of(context, DeliveryService.class);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                delivery.close();
            }
        }, true, true);
    }
}
