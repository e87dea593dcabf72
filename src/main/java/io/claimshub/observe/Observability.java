package io.claimshub.observe;

import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.LedgerFile;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wires health and metrics into the hub. The HTTP side is Camel's own (camel.management.* serves
 * /observe/health, /observe/health/live, /observe/health/ready and /observe/metrics on the management
 * port); this class only adds what is the hub's:
 * <ul>
 *   <li>the Prometheus registry, bound as {@code metricsRegistry} so Camel's route and JVM metrics and
 *   the hub's business counters ({@link ClaimMetrics}) are scraped together;</li>
 *   <li>{@link LedgerHealthCheck} (readiness) and {@link DeliveryHealth} (details per payer), bound in
 *   the registry where Camel's health-check registry finds them;</li>
 *   <li>{@link LedgerGauges}: claims waiting per payer and claims per status;</li>
 *   <li>free and total space of the file system holding the data folder ({@code disk_free_bytes}).</li>
 * </ul>
 */
public final class Observability extends ServiceSupport {

    private final ClaimMetrics metrics;
    private final DeliveryHealth delivery;
    private final LedgerHealthCheck ledgerHealth;

    private Observability(ClaimMetrics metrics, DeliveryHealth delivery, LedgerHealthCheck ledgerHealth) {
        this.metrics = metrics;
        this.delivery = delivery;
        this.ledgerHealth = ledgerHealth;
    }

    /**
     * @param property resolves claimshub.observe.* settings (ledger-timeout, delivery-down-after,
     *                 gauge-max-age)
     */
    public static Observability bind(CamelContext context, PartnerConfig partners, ClaimLedger ledger,
                                     DataSource ledgerDataSource, Path dataDir, Clock clock,
                                     Function<String, Optional<String>> property) {
        PrometheusMeterRegistry registry = context.getRegistry()
                .lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind("metricsRegistry", registry);
        }
        ClaimMetrics metrics = new ClaimMetrics(registry);
        Duration ledgerTimeout = Duration.ofMillis(Long.parseLong(
                property.apply("claimshub.observe.ledger-timeout").orElse("2000")));
        int downAfter = Integer.parseInt(property.apply("claimshub.observe.delivery-down-after").orElse("3"));
        Duration gaugeMaxAge = Duration.ofMillis(Long.parseLong(
                property.apply("claimshub.observe.gauge-max-age").orElse("5000")));

        DeliveryHealth delivery = new DeliveryHealth(downAfter);
        LedgerHealthCheck ledgerHealth = new LedgerHealthCheck(ledgerDataSource,
                property.apply("claimshub.ledger.url").flatMap(LedgerFile::of), ledgerTimeout);
        new LedgerGauges(ledger, ledgerDataSource, clock, gaugeMaxAge, ledgerTimeout)
                .register(registry, partners.payers().stream().map(PayerConfig::id).toList());
        // The H2 ledger's file only shrinks when the hub stops (docs/design.md, "Ledger disk space"): room for it is
        // something to alert on before a commit fails.
        new DiskSpaceMetrics(dataDir.toAbsolutePath().toFile()).bindTo(registry);

        context.getRegistry().bind("claimMetrics", metrics);
        context.getRegistry().bind("deliveryHealth", delivery);
        context.getRegistry().bind("ledgerHealthCheck", ledgerHealth);
        return new Observability(metrics, delivery, ledgerHealth);
    }

    public ClaimMetrics metrics() {
        return metrics;
    }

    public DeliveryHealth delivery() {
        return delivery;
    }

    @Override
    protected void doStop() {
        ledgerHealth.close();
    }
}
