package io.claimshub;

import io.claimshub.batch.BatchDestinations;
import io.claimshub.batch.BatchWriter;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.ConfigException;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.delivery.DeliveryService;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClinicFileIntake;
import io.claimshub.intake.FailedFileReasons;
import io.claimshub.intake.RejectionWriter;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.mllp.MllpMessageHandler;
import io.claimshub.x12.Claim837Writer;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Creates the hub's shared beans once (one HAPI context, one 837 writer, one ledger pool) and binds
 * them under the names the YAML routes call. Properties come from {@code config/application.properties}.
 */
public class HubConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        // Relative paths in the config resolve against this directory, so two hubs started in two
        // directories never share state. Tests point it at a temporary directory.
        Path workDir = Path.of(property(properties, "claimshub.work-dir", "")).toAbsolutePath();
        Path configDir = workDir.resolve(property(properties, "claimshub.config-dir", "config"));
        Path dataDir = workDir.resolve(property(properties, "claimshub.data-dir", "data"));
        Clock clock = Clock.systemUTC();

        PartnerConfig partners = loadPartners(configDir, workDir);
        LedgerDatabase database = LedgerDatabase.open(
                property(properties, "claimshub.ledger.url", "jdbc:h2:file:./data/ledger/claims;WRITE_DELAY=0"),
                property(properties, "claimshub.ledger.user", "sa"),
                property(properties, "claimshub.ledger.password", ""));
        ClaimLedger ledger = new ClaimLedger(database.dataSource(), clock);
        BatchWriter batches = new BatchWriter(partners, ledger, new Claim837Writer(),
                new BatchDestinations(dataDir), clock);
        Hl7Parser parser = new Hl7Parser();
        ClaimPreparation preparation = new ClaimPreparation(partners, parser, new DftMapper(), new ClaimEdits(clock));
        ClaimIntake intake = new ClaimIntake(preparation, ledger, new RejectionWriter(clock), batches::onClaimAccepted);

        context.getRegistry().bind("partnerConfig", partners);
        context.getRegistry().bind("claimLedger", ledger);
        context.getRegistry().bind("claimPreparation", preparation);
        context.getRegistry().bind("claimIntake", intake);
        context.getRegistry().bind("clinicFileIntake", new ClinicFileIntake(partners, intake));
        context.getRegistry().bind("failedFileReasons", new FailedFileReasons());
        context.getRegistry().bind("batchWriter", batches);
        context.getRegistry().bind("mllpMessageHandler", new MllpMessageHandler(partners, parser, preparation, intake,
                ledger, new AckBuilder(property(properties, "claimshub.mllp.application", "CLAIMSHUB"),
                property(properties, "claimshub.mllp.facility", "CLAIMSHUB")),
                Integer.parseInt(property(properties, "claimshub.mllp.max-message-bytes", "1048576"))));

        DeliveryService delivery = new DeliveryService(partners, new DeliveryLedger(database.dataSource(), clock),
                dataDir, clock);
        context.getRegistry().bind("deliveryService", delivery);

        context.addService(new HubLifecycle(batches, database), true, true);
        // Added after HubLifecycle so Camel stops it first: running uploads finish before the ledger closes.
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                delivery.close();
            }
        }, true, true);
        context.addStartupListener(new ClinicInboxRoutes(partners));
    }

    private static PartnerConfig loadPartners(Path configDir, Path workDir) {
        try {
            return PartnerConfigLoader.load(configDir, workDir);
        } catch (ConfigException e) {
            throw new IllegalStateException("claims-hub cannot start: the partner configuration has problems:\n"
                    + e.getMessage(), e);
        }
    }

    private static String property(PropertiesComponent properties, String key, String defaultValue) {
        return properties.resolveProperty(key).orElse(defaultValue);
    }
}
