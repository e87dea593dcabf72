package io.claimshub;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerFile;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.observe.DeliveryHealth;
import io.claimshub.observe.LedgerGauges;
import io.claimshub.observe.LedgerHealthCheck;
import io.claimshub.observe.NodeHealthCheck;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

import java.time.Clock;
import java.time.Duration;

/**
 * Health and metrics: the HTTP side is Camel's own (camel.management.* serves /observe/health and
 * /observe/metrics on the management port); this adds what is the hub's. The Prometheus registry is bound as
 * {@code metricsRegistry}, so Camel's route and JVM metrics and the hub's counters ({@link ClaimMetrics}) are
 * scraped together; the health checks are bound where Camel's health-check registry finds them; the ledger
 * gauges count claims waiting per payer and per status; {@code disk_free_bytes} watches the data folder.
 */
public class ObserveConfiguration extends ContextAwareConfiguration {

    @PropertyInject("claimshub.observe.ledger-timeout")
    long ledgerTimeoutMillis;
    @PropertyInject("claimshub.observe.delivery-down-after")
    int deliveryDownAfter;
    @PropertyInject("claimshub.observe.gauge-max-age")
    long gaugeMaxAgeMillis;
    @PropertyInject("claimshub.ledger.url")
    String ledgerUrl;


    /** Camel's own, made by camel.metrics.enabled before the flows' beans; one of the hub's when metrics are off. */
    @BindToRegistry("metricsRegistry")
    public PrometheusMeterRegistry metricsRegistry() {
        PrometheusMeterRegistry camels = context.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        return camels != null ? camels : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @BindToRegistry("claimMetrics")
    public ClaimMetrics claimMetrics(PrometheusMeterRegistry registry) {
        return new ClaimMetrics(registry);
    }

    @BindToRegistry("deliveryHealth")
    public DeliveryHealth deliveryHealth() {
        return new DeliveryHealth(deliveryDownAfter);
    }

    @BindToRegistry(value = "ledgerHealthCheck", destroyMethod = "close")
    public LedgerHealthCheck ledgerHealthCheck(LedgerDatabase database) {
        return new LedgerHealthCheck(database.dataSource(), LedgerFile.of(ledgerUrl), Duration.ofMillis(ledgerTimeoutMillis));
    }

    @BindToRegistry("nodeHealthCheck")
    public NodeHealthCheck nodeHealthCheck(HubNodes nodes, PrometheusMeterRegistry registry) {
        NodeHealthCheck check = new NodeHealthCheck(nodes);
        check.register(registry);
        return check;
    }

    @Override
    public void configure(CamelContext context) {
        PrometheusMeterRegistry registry = Beans.of(context, PrometheusMeterRegistry.class);
        LedgerDatabase database = Beans.of(context, LedgerDatabase.class);
        new LedgerGauges(Beans.of(context, ClaimQueries.class), database.dataSource(), Beans.of(context, Clock.class),
                Duration.ofMillis(gaugeMaxAgeMillis), Duration.ofMillis(ledgerTimeoutMillis))
                .register(registry, Beans.of(context, PartnerConfig.class).payers().stream().map(PayerConfig::id).toList());
        // The H2 ledger's file only shrinks when the hub stops (docs/design.md, "Ledger disk space"): room for it is
        // something to alert on before a commit fails.
        new DiskSpaceMetrics(Beans.of(context, HubFolders.class).dataDir().toFile()).bindTo(registry);
    }
}
