package io.claimshub.observe;

import io.claimshub.ledger.HubNodes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * This hub as a node of a cluster: ready while its lease in the ledger runs (a hub that cannot renew
 * it loses its work to the others and should get none from the load balancer), with gauges
 * {@code hub_node_lease_running{node}}, {@code hub_node_batches_writing{node}} and
 * {@code hub_node_deliveries_sending{node}}. Everything is read from the last renewal, never from the
 * ledger at scrape time. GET /api/nodes lists every node and what it holds.
 */
public final class NodeHealthCheck extends AbstractHealthCheck {

    private final HubNodes nodes;

    public NodeHealthCheck(HubNodes nodes) {
        super("claimshub", "node");
        this.nodes = nodes;
    }

    public void register(MeterRegistry registry) {
        Gauge.builder("hub.node.lease.running", () -> nodes.leaseRunning() ? 1 : 0)
                .description("1 while this hub's lease in the ledger runs, 0 once it ran out unrenewed")
                .tag("node", nodes.nodeId()).register(registry);
        Gauge.builder("hub.node.batches.writing", () -> nodes.snapshot().batchesWriting())
                .description("Batch files this hub is writing (at its last lease renewal)")
                .tag("node", nodes.nodeId()).register(registry);
        Gauge.builder("hub.node.deliveries.sending", () -> nodes.snapshot().deliveriesSending())
                .description("Delivery attempts this hub is running (at its last lease renewal)")
                .tag("node", nodes.nodeId()).register(registry);
        Gauge.builder("hub.node.inbox.files.reading", () -> nodes.snapshot().inboxFilesReading())
                .description("Clinic inbox files this hub has claimed and is reading (at its last lease renewal)")
                .tag("node", nodes.nodeId()).register(registry);
        Gauge.builder("hub.node.notices.sending", () -> nodes.snapshot().noticesSending())
                .description("Clinic notices this hub has claimed and is sending (at its last lease renewal)")
                .tag("node", nodes.nodeId()).register(registry);
        Gauge.builder("hub.node.replies.applying", () -> nodes.snapshot().replyFilesApplying())
                .description("Payer reply files this hub is applying (at its last lease renewal)")
                .tag("node", nodes.nodeId()).register(registry);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("node.id", nodes.nodeId());
        builder.detail("node.leaseUntil", nodes.snapshot().leaseUntil().toString());
        if (nodes.leaseRunning()) {
            builder.up();
        } else {
            builder.message("this hub's lease in the ledger ran out unrenewed: other hubs take over its work");
            builder.down();
        }
    }
}
