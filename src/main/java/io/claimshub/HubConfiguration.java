package io.claimshub;

import io.claimshub.api.ApiBeans;
import io.claimshub.api.BusinessHttpEngine;
import io.claimshub.batch.BatchDestinations;
import io.claimshub.batch.BatchWriter;
import io.claimshub.batch.WrittenBatchFiles;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.cli.CommandException;
import io.claimshub.codesets.CodeSetFolder;
import io.claimshub.observe.CodeSetHealth;
import io.claimshub.config.ConfigException;
import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.delivery.DeliveryService;
import io.claimshub.delivery.RetryPolicy;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ChargeCapture;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClinicFileIntake;
import io.claimshub.intake.ClinicFileReader;
import io.claimshub.intake.ClinicInbox;
import io.claimshub.intake.EncounterRelease;
import io.claimshub.intake.FailedFileReasons;
import io.claimshub.intake.ReadLimits;
import io.claimshub.intake.RejectionWriter;
import io.claimshub.ledger.ClaimLedger;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.observe.NodeHealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.LedgerContinuity;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.LedgerException;
import io.claimshub.ledger.ReplyLedger;
import io.claimshub.replies.ClinicReplyChannels;
import io.claimshub.replies.FolderReplyChannel;
import io.claimshub.replies.NotifyingReplyChannel;
import io.claimshub.replies.ReplyCodes;
import io.claimshub.replies.SecondaryBilling;
import io.claimshub.replies.ReplyIntake;
import io.claimshub.replies.ReplyMatcher;
import io.claimshub.replies.ReplyOutcomes;
import io.claimshub.x12.replies.ReplyFileReader;
import io.claimshub.mllp.BoundedMllpComponent;
import io.claimshub.mllp.ConnectionGuard;
import io.claimshub.mllp.ConnectionLimits;
import io.claimshub.mllp.MllpMessageHandler;
import io.claimshub.mllp.MllpTls;
import io.claimshub.notify.ClinicNotifier;
import io.claimshub.notify.MllpNoticeSender;
import io.claimshub.notify.Notice;
import io.claimshub.notify.NoticeDispatcher;
import io.claimshub.notify.NoticeQueue;
import io.claimshub.notify.RemittanceDft;
import io.claimshub.notify.WebhookSender;
import io.claimshub.pickup.ReplyPickupRoutes;
import io.claimshub.observe.DeliveryObserver;
import io.claimshub.observe.LedgerOutageLog;
import io.claimshub.observe.Observability;
import io.claimshub.observe.ReplyObserver;
import io.claimshub.storage.FileRetention;
import io.claimshub.storage.PrivateFiles;
import io.claimshub.x12.Claim837Writer;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

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
        // the ledger, batch files, replies and notices below it all hold patient data
        PrivateFiles.createDirectories(dataDir);
        PrivateFiles.restrict(dataDir);
        HubListeners listeners = HubListeners.configured(properties);
        listeners.requireFreePorts();
        LedgerDatabase.syncCommits(Boolean.parseBoolean(property(properties, "claimshub.ledger.sync-commits", "true")));
        LedgerDatabase database = openLedger(properties, workDir);
        String nodeId = property(properties, "claimshub.node.id", "");
        HubNodes nodes = new HubNodes(database.dataSource(), clock, nodeId.isBlank() ? HubNodes.defaultNodeId() : nodeId,
                Durations.parse(property(properties, "claimshub.node.lease", "30s")));
        context.getRegistry().bind("hubNodes", nodes);
        ClaimLedger ledger = new ClaimLedger(database.dataSource(), clock, nodes.nodeId());
        WorkClaims workClaims = new WorkClaims(database.dataSource(), clock, nodes.nodeId());
        checkLedgerContinuity(properties, database, ledger, partners, dataDir, clock);
        Observability observe = Observability.bind(context, partners, ledger, database.dataSource(), dataDir, clock,
                key -> properties.resolveProperty(key));
        NodeHealthCheck nodeHealth = new NodeHealthCheck(nodes);
        nodeHealth.register(context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        context.getRegistry().bind("nodeHealthCheck", nodeHealth);
        BatchWriter batches = new BatchWriter(partners, ledger, new Claim837Writer(),
                new BatchDestinations(dataDir), clock, observe.metrics());
        Hl7Parser parser = new Hl7Parser();
        // A malformed code-set file stops start-up here, naming the file and the line.
        CodeSetFolder codeSets = CodeSetFolder.load(workDir.resolve(property(properties, "claimshub.codesets.folder", "codesets")),
                clock, Duration.ofMillis(Long.parseLong(property(properties, "claimshub.codesets.recheck", "60000"))));
        context.getRegistry().bind("codeSetHealth", new CodeSetHealth(codeSets));
        ReadLimits readLimits = readLimits(properties);
        ClaimPreparation preparation = new ClaimPreparation(partners, parser, new DftMapper(),
                new ClaimEdits(clock, codeSets::current), readLimits);
        EncounterLedger encounters = new EncounterLedger(database.dataSource(), clock);
        ClaimIntake intake = new ClaimIntake(preparation, ledger, new RejectionWriter(clock), batches::onClaimAccepted,
                observe.metrics(), new ChargeCapture(encounters, clock));
        context.getRegistry().bind("encounterLedger", encounters);
        context.getRegistry().bind("encounterRelease", new EncounterRelease(encounters, ledger, intake, partners));

        context.getRegistry().bind("partnerConfig", partners);
        context.getRegistry().bind("claimLedger", ledger);
        context.getRegistry().bind("claimPreparation", preparation);
        context.getRegistry().bind("claimIntake", intake);
        FailedFileReasons failedFileReasons = new FailedFileReasons();
        context.getRegistry().bind("failedFileReasons", failedFileReasons);
        ClinicInbox inbox = new ClinicInbox(partners, new ClinicFileIntake(partners, intake, new ClinicFileReader(readLimits)),
                failedFileReasons, Durations.parse(property(properties, "claimshub.inbox.stable-window", "5s")), clock, workClaims);
        context.getRegistry().bind("clinicInbox", inbox);
        context.getRegistry().bind("batchWriter", batches);
        context.getRegistry().bind("ledgerOutageLog", new LedgerOutageLog(clock));
        batches.listen((payer, unwritten, error) -> {
            observe.delivery().unwritten(payer, unwritten, error);
            observe.metrics().unwrittenBatches(payer, unwritten);
        });
        MllpMessageHandler mllpHandler = new MllpMessageHandler(partners, parser, preparation, intake,
                ledger, new AckBuilder(property(properties, "claimshub.mllp.application", "CLAIMSHUB"),
                property(properties, "claimshub.mllp.facility", "CLAIMSHUB")),
                Integer.parseInt(property(properties, "claimshub.mllp.max-message-bytes", "1048576")), observe.metrics());
        context.getRegistry().bind("mllpMessageHandler", mllpHandler);
        BoundedMllpComponent mllp = new BoundedMllpComponent(mllpHandler::refuseOversize,
                new ConnectionGuard(mllpConnectionLimits(properties), observe.metrics()));
        context.addComponent("mllp", mllp);
        context.getRegistry().bind("listenerHealthCheck", listeners.readiness(context, mllp));

        DeliveryService delivery = new DeliveryService(partners, new DeliveryLedger(database.dataSource(), clock, nodes.nodeId()),
                dataDir, clock);
        context.getRegistry().bind("deliveryService", delivery);
        delivery.listen(new DeliveryObserver(observe.delivery(), observe.metrics()));

        ClinicNotifier notifier = bindClinicNotices(context, properties, dataDir, clock, workClaims);
        configureMllpTls(context, properties, workDir);
        FolderReplyChannel outbox = new FolderReplyChannel();
        NotifyingReplyChannel notifying = new NotifyingReplyChannel(outbox, notifier);
        ReplyLedger replyLedger = new ReplyLedger(database.dataSource(), clock, nodes.nodeId());
        String siteCodes = property(properties, "claimshub.replies.remittance-codes", "");
        ReplyCodes codes = new ReplyCodes(siteCodes.isBlank() ? null : workDir.resolve(siteCodes));
        ReplyIntake replies = new ReplyIntake(partners, replyLedger, new ReplyFileReader(),
                new ReplyMatcher(partners, replyLedger, new ReplyOutcomes(codes)), codes,
                new ClinicReplyChannels(Map.of("folder", outbox, "http", notifying, "mllp", notifying)), dataDir, clock);
        replies.listen(new ReplyObserver(observe.metrics(), ledger, clock));
        SecondaryBilling secondaryBilling = new SecondaryBilling(partners, new ClaimQueries(database.dataSource(), clock),
                replyLedger, intake);
        replies.billNextPayersWith(secondaryBilling);
        context.getRegistry().bind("replyIntake", replies);
        context.getRegistry().bind("fileRetention", new FileRetention(dataDir, partners.clinics(), clock,
                Integer.parseInt(property(properties, "claimshub.retention.payload-days", "0"))));
        ApiBeans.bind(context.getRegistry(), database.dataSource(), ledger, nodes, partners, intake, replies, secondaryBilling,
                workDir.resolve(property(properties, "claimshub.api.users-file", "config/api-users.properties")),
                Integer.parseInt(property(properties, "claimshub.retention.payload-days", "0")), clock,
                properties::resolveProperty);

        context.getComponent("platform-http", PlatformHttpComponent.class).setEngine(new BusinessHttpEngine(
                Integer.parseInt(property(properties, "camel.server.port", "8080"))));
        context.addService(new HubLifecycle(nodes, batches, database), true, true);
        context.addService(observe, true, true);
        // Added after HubLifecycle so Camel stops it first: running uploads finish before the ledger closes.
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                delivery.close();
            }
        }, true, true);
        ClinicInboxRoutes.install(context, partners, inbox);
        context.addStartupListener(new PayerReplyRoutes(partners, dataDir,
                Durations.parse(property(properties, "claimshub.replies.incoming-poll", "1s"))));
        ReplyPickupRoutes.install(context, partners, dataDir, clock);
        context.addStartupListener(new StartupBanner(partners, properties));
    }

    /** How much of an inbox file (or a {@code convert} input) is held in memory at once. */
    static ReadLimits readLimits(PropertiesComponent properties) {
        return new ReadLimits(
                Integer.parseInt(property(properties, "claimshub.inbox.max-message-bytes", "1048576")),
                Integer.parseInt(property(properties, "claimshub.inbox.max-messages-per-file", "100000")),
                Integer.parseInt(property(properties, "claimshub.inbox.max-list-entries", "1000")),
                Integer.parseInt(property(properties, "claimshub.inbox.max-reasons", "100")));
    }

    /** Webhook and EHR notices for clinics with replyTo http or mllp, kept on disk until delivered. */
    private static ClinicNotifier bindClinicNotices(CamelContext context, PropertiesComponent properties, Path dataDir, Clock clock,
                                                    WorkClaims claims) {
        NoticeQueue queue = new NoticeQueue(dataDir.resolve("notify"));
        Duration timeout = Durations.parse(property(properties, "claimshub.notify.timeout", "10s"));
        RetryPolicy retry = new RetryPolicy(Integer.parseInt(property(properties, "claimshub.notify.max-attempts", "12")),
                Durations.parse(property(properties, "claimshub.notify.initial-delay", "30s")),
                Durations.parse(property(properties, "claimshub.notify.max-delay", "1h")), RandomGenerator.getDefault());
        ClinicNotifier notifier = new ClinicNotifier(queue, new RemittanceDft(
                property(properties, "claimshub.mllp.application", "CLAIMSHUB"),
                property(properties, "claimshub.mllp.facility", "CLAIMSHUB"), clock), clock);
        context.getRegistry().bind("noticeDispatcher", new NoticeDispatcher(queue, Map.of(
                Notice.Channel.HTTP, new WebhookSender(timeout),
                Notice.Channel.MLLP, new MllpNoticeSender((int) timeout.toMillis())), retry, clock, claims));
        return notifier;
    }

    /** Refuses to start on an empty or swapped ledger after earlier work (docs/resilience.md). */
    private static void checkLedgerContinuity(PropertiesComponent properties, LedgerDatabase database, ClaimLedger ledger,
                                              PartnerConfig partners, Path dataDir, Clock clock) {
        try {
            new LedgerContinuity(database.dataSource(), ledger, dataDir, clock).check(
                    new WrittenBatchFiles(new BatchDestinations(dataDir)).of(partners.payers()),
                    Boolean.parseBoolean(property(properties, "claimshub.ledger.start-new", "false")));
        } catch (LedgerException e) {
            database.close();
            throw new CommandException(RunCommand.UNAVAILABLE, List.of(e.getMessage()), e);
        }
    }

    private static ConnectionLimits mllpConnectionLimits(PropertiesComponent properties) {
        int max = intProperty(properties, "claimshub.mllp.max-connections", "20");
        // without the key (an older application.properties), a quarter of the connections, at most 4, are kept back
        return new ConnectionLimits(max, intProperty(properties, "claimshub.mllp.max-connections-per-address", "5"),
                intProperty(properties, "claimshub.mllp.reserved-connections", String.valueOf(Math.min(4, max / 4))),
                intProperty(properties, "claimshub.mllp.first-byte-timeout", "5000"),
                intProperty(properties, "claimshub.mllp.frame-timeout", "30000"));
    }

    private static int intProperty(PropertiesComponent properties, String key, String defaultValue) {
        return Integer.parseInt(property(properties, key, defaultValue));
    }

    /** TLS on the MLLP listener when {@code claimshub.mllp.tls.key-store} names a key store. */
    private static void configureMllpTls(CamelContext context, PropertiesComponent properties, Path workDir) {
        String keyStore = property(properties, "claimshub.mllp.tls.key-store", "");
        if (keyStore.isBlank()) {
            return;
        }
        MllpTls.Settings settings = new MllpTls.Settings(workDir.resolve(keyStore),
                property(properties, "claimshub.mllp.tls.key-store-type", "PKCS12"),
                property(properties, "claimshub.mllp.tls.key-store-password-env", ""),
                optionalPath(properties, "claimshub.mllp.tls.key-store-password-file", workDir),
                optionalPath(properties, "claimshub.mllp.tls.trust-store", workDir),
                property(properties, "claimshub.mllp.tls.trust-store-password-env", ""),
                optionalPath(properties, "claimshub.mllp.tls.trust-store-password-file", workDir));
        // The component's configuration is the template every mllp endpoint copies.
        MllpConfiguration configuration = new MllpConfiguration();
        configuration.setSslContextParameters(MllpTls.contextParameters(settings));
        context.getComponent("mllp", MllpComponent.class).setConfiguration(configuration);
    }

    private static Path optionalPath(PropertiesComponent properties, String key, Path workDir) {
        String value = property(properties, key, "");
        return value.isBlank() ? null : workDir.resolve(value);
    }

    /** The URL is not repeated in the message: a JDBC URL can hold a password. */
    private static LedgerDatabase openLedger(PropertiesComponent properties, Path workDir) {
        try {
            return LedgerDatabase.open(
                    property(properties, "claimshub.ledger.url", LedgerDatabase.DEFAULT_URL),
                    property(properties, "claimshub.ledger.user", "sa"),
                    property(properties, "claimshub.ledger.password", ""),
                    LedgerDatabase.encryptionKey(optionalPath(properties, "claimshub.ledger.encryption-key-file", workDir),
                            property(properties, "claimshub.ledger.encryption-key-env", "CLAIMSHUB_LEDGER_KEY"), System::getenv));
        } catch (RuntimeException e) {
            // the driver's own message says what failed (host and port refused, database in use)
            Throwable reason = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException) {
                    reason = t;
                }
            }
            throw new CommandException(RunCommand.UNAVAILABLE, List.of("cannot open the ledger (claimshub.ledger.url): "
                    + String.valueOf(reason.getMessage()).lines().findFirst().orElse("")), e);
        }
    }

    private static PartnerConfig loadPartners(Path configDir, Path workDir) {
        try {
            return PartnerConfigLoader.load(configDir, workDir);
        } catch (ConfigException e) {
            throw new CommandException(RunCommand.BAD_CONFIG, e.problems(), e);
        }
    }

    private static String property(PropertiesComponent properties, String key, String defaultValue) {
        return properties.resolveProperty(key).orElse(defaultValue);
    }
}
