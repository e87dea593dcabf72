package io.claimshub;

import io.claimshub.batch.BatchWriter;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.codesets.CodeSetFolder;
import io.claimshub.config.ConfigException;
import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.hl7.AckBuilder;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ChargeCapture;
import io.claimshub.intake.ClaimIntake;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClinicFileIntake;
import io.claimshub.intake.ClinicFileReader;
import io.claimshub.intake.ClinicInbox;
import io.claimshub.intake.FailedFileReasons;
import io.claimshub.intake.ReadLimits;
import io.claimshub.intake.RejectionWriter;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.mllp.BoundedMllpComponent;
import io.claimshub.mllp.ConnectionGuard;
import io.claimshub.mllp.ConnectionLimits;
import io.claimshub.mllp.MllpAckProcessor;
import io.claimshub.mllp.MllpMessageHandler;
import io.claimshub.mllp.MllpTls;
import io.claimshub.observe.ClaimMetrics;
import io.claimshub.observe.CodeSetHealth;
import io.claimshub.observe.ListenerHealthCheck;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.mllp.MllpConfiguration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.time.Duration;

/**
 * Claims in (routes/clinic-inbox.camel.yaml, routes/mllp-intake.camel.yaml): the clinic inboxes and the MLLP
 * listener, both handing each message to the same preparation (parse, map, edits) and intake (ledger, rejections).
 * Beans of the earlier flows are injected; one of this flow that another needs is made once by its method.
 */
public class IntakeConfiguration extends ContextAwareConfiguration {

    @PropertyInject("claimshub.codesets.folder")
    String codeSetFolder;
    @PropertyInject("claimshub.codesets.recheck")
    long codeSetRecheckMillis;
    @PropertyInject("claimshub.inbox.max-message-bytes")
    int inboxMaxMessageBytes;
    @PropertyInject("claimshub.inbox.max-messages-per-file")
    int inboxMaxMessagesPerFile;
    @PropertyInject("claimshub.inbox.max-list-entries")
    int inboxMaxListEntries;
    @PropertyInject("claimshub.inbox.max-reasons")
    int inboxMaxReasons;
    @PropertyInject("claimshub.inbox.stable-window")
    String inboxStableWindow;
    @PropertyInject("claimshub.mllp.application")
    String ackApplication;
    @PropertyInject("claimshub.mllp.facility")
    String ackFacility;
    @PropertyInject("claimshub.mllp.max-message-bytes")
    int mllpMaxMessageBytes;
    @PropertyInject("claimshub.mllp.max-connections")
    int mllpMaxConnections;
    @PropertyInject("claimshub.mllp.max-connections-per-address")
    int mllpMaxConnectionsPerAddress;
    @PropertyInject("claimshub.mllp.reserved-connections")
    String mllpReservedConnections;
    @PropertyInject("claimshub.mllp.first-byte-timeout")
    int mllpFirstByteTimeout;
    @PropertyInject("claimshub.mllp.frame-timeout")
    int mllpFrameTimeout;
    @PropertyInject("claimshub.mllp.tls.key-store")
    String tlsKeyStore;
    @PropertyInject("claimshub.mllp.tls.key-store-type")
    String tlsKeyStoreType;
    @PropertyInject("claimshub.mllp.tls.key-store-password-env")
    String tlsKeyStorePasswordEnv;
    @PropertyInject("claimshub.mllp.tls.key-store-password-file")
    String tlsKeyStorePasswordFile;
    @PropertyInject("claimshub.mllp.tls.trust-store")
    String tlsTrustStore;
    @PropertyInject("claimshub.mllp.tls.trust-store-password-env")
    String tlsTrustStorePasswordEnv;
    @PropertyInject("claimshub.mllp.tls.trust-store-password-file")
    String tlsTrustStorePasswordFile;

    @BeanInject
    PartnerConfig partners;
    @BeanInject
    HubFolders folders;
    @BeanInject
    Clock clock;
    @BeanInject
    IntakeLedger ledger;
    @BeanInject
    EncounterLedger encounters;
    @BeanInject
    BatchWriter batches;
    @BeanInject
    ClaimMetrics metrics;
    @BeanInject
    HubListeners listeners;

    private CodeSetFolder codeSets;
    private ClaimPreparation preparation;
    private ClaimIntake intake;
    private MllpMessageHandler mllpHandler;
    private BoundedMllpComponent mllp;

    /** A malformed code-set file stops start-up here, naming the file and the line. */
    @BindToRegistry("codeSetFolder")
    public CodeSetFolder codeSetFolder() {
        if (codeSets == null) {
            codeSets = CodeSetFolder.load(folders.resolve(codeSetFolder), clock, Duration.ofMillis(codeSetRecheckMillis));
        }
        return codeSets;
    }

    @BindToRegistry("codeSetHealth")
    public CodeSetHealth codeSetHealth() {
        return new CodeSetHealth(codeSetFolder());
    }

    /** How much of an inbox file is held in memory at once. */
    private ReadLimits readLimits() {
        return new ReadLimits(inboxMaxMessageBytes, inboxMaxMessagesPerFile, inboxMaxListEntries, inboxMaxReasons);
    }

    @BindToRegistry("claimPreparation")
    public ClaimPreparation claimPreparation() {
        if (preparation == null) {
            preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(),
                    new ClaimEdits(clock, codeSetFolder()::current), readLimits());
        }
        return preparation;
    }

    @BindToRegistry("claimIntake")
    public ClaimIntake claimIntake() {
        if (intake == null) {
            intake = new ClaimIntake(claimPreparation(), ledger, new RejectionWriter(clock), batches::onClaimAccepted, metrics,
                    new ChargeCapture(encounters, clock));
        }
        return intake;
    }

    @BindToRegistry("failedFileReasons")
    public FailedFileReasons failedFileReasons() {
        return new FailedFileReasons();
    }

    @BindToRegistry("clinicInbox")
    public ClinicInbox clinicInbox(FailedFileReasons reasons, WorkClaims workClaims) {
        return new ClinicInbox(partners, new ClinicFileIntake(partners, claimIntake(), new ClinicFileReader(readLimits())),
                reasons, Durations.parse(inboxStableWindow), clock, workClaims);
    }

    private MllpMessageHandler mllpMessageHandler() {
        if (mllpHandler == null) {
            mllpHandler = new MllpMessageHandler(partners, claimPreparation(), claimIntake(), ledger,
                    new AckBuilder(ackApplication, ackFacility), mllpMaxMessageBytes, metrics);
        }
        return mllpHandler;
    }

    @BindToRegistry("mllpAckProcessor")
    public MllpAckProcessor mllpAckProcessor() {
        return new MllpAckProcessor(mllpMessageHandler());
    }

    /** Empty (the shipped default): a quarter of max-connections, at most 4, as before the key had a value of its own. */
    int reservedConnections() throws ConfigException {
        if (mllpReservedConnections.isBlank()) {
            return Math.min(4, mllpMaxConnections / 4);
        }
        try {
            return Integer.parseInt(mllpReservedConnections.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(List.of("claimshub.mllp.reserved-connections must be a whole number or empty"));
        }
    }

    /** camel-mllp, with the hub's bounds on connections and frames, and TLS when a key store is named. */
    @BindToRegistry("mllpComponent")
    public BoundedMllpComponent mllpComponent() throws ConfigException {
        if (mllp == null) {
            mllp = new BoundedMllpComponent(mllpMessageHandler()::refuseOversize, new ConnectionGuard(
                    new ConnectionLimits(mllpMaxConnections, mllpMaxConnectionsPerAddress, reservedConnections(),
                            mllpFirstByteTimeout, mllpFrameTimeout), metrics));
            if (!tlsKeyStore.isBlank()) {
                // the component's configuration is the template every mllp endpoint copies
                MllpConfiguration configuration = new MllpConfiguration();
                configuration.setSslContextParameters(MllpTls.contextParameters(new MllpTls.Settings(
                        folders.resolve(tlsKeyStore), tlsKeyStoreType, tlsKeyStorePasswordEnv,
                        optionalPath(tlsKeyStorePasswordFile), optionalPath(tlsTrustStore),
                        tlsTrustStorePasswordEnv, optionalPath(tlsTrustStorePasswordFile))));
                mllp.setConfiguration(configuration);
            }
        }
        return mllp;
    }

    @BindToRegistry("listenerHealthCheck")
    public ListenerHealthCheck listenerHealthCheck() throws ConfigException {
        return listeners.readiness(context, mllpComponent());
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addComponent("mllp", mllpComponent());
        ClinicInboxRoutes.install(context, partners, Beans.of(context, ClinicInbox.class));
    }

    private Path optionalPath(String configured) {
        return configured.isBlank() ? null : folders.resolve(configured);
    }
}
