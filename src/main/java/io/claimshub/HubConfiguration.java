package io.claimshub;

import io.claimshub.batch.BatchDestinations;
import io.claimshub.batch.WrittenBatchFiles;
import io.claimshub.cli.CommandException;
import io.claimshub.config.ConfigException;
import io.claimshub.config.Durations;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.ClaimQueries;
import io.claimshub.ledger.EncounterLedger;
import io.claimshub.ledger.HubNodes;
import io.claimshub.ledger.IntakeLedger;
import io.claimshub.ledger.LedgerContinuity;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.ledger.LedgerException;
import io.claimshub.ledger.WorkClaims;
import io.claimshub.observe.LedgerOutageLog;
import io.claimshub.storage.PrivateFiles;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.RuntimeCamelException;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The beans every flow shares: the folders, the clock, the partner config (clinics.yaml, payers.yaml), the
 * ledger and this hub's node in it. Camel orders a configuration's bean methods only coarsely, so a bean that
 * needs another of the same class asks its method, which makes it once. Each flow's own beans are made by its configuration, listed in
 * {@link #withFlows()} in the order they build on each other. Settings come from application.properties,
 * whose defaults are the shipped config/application.properties (also inside the jar).
 */
public class HubConfiguration extends ContextAwareConfiguration {

    @PropertyInject("claimshub.config-dir")
    String configDir;
    @PropertyInject("claimshub.data-dir")
    String dataDir;
    @PropertyInject("claimshub.ledger.sync-commits")
    boolean syncCommits;
    @PropertyInject("claimshub.ledger.url")
    String ledgerUrl;
    @PropertyInject("claimshub.ledger.user")
    String ledgerUser;
    @PropertyInject("claimshub.ledger.password")
    String ledgerPassword;
    @PropertyInject("claimshub.ledger.encryption-key-file")
    String encryptionKeyFile;
    @PropertyInject("claimshub.ledger.encryption-key-env")
    String encryptionKeyEnv;
    @PropertyInject("claimshub.node.id")
    String nodeId;
    @PropertyInject("claimshub.node.lease")
    String nodeLease;


    /** The shared beans and every flow's, in the order their beans depend on each other. */
    public static List<CamelConfiguration> withFlows() {
        return List.of(new HubConfiguration(), new ObserveConfiguration(), new BatchConfiguration(),
                new IntakeConfiguration(), new EncountersConfiguration(), new DeliveryConfiguration(),
                new ClinicReturnConfiguration(), new RepliesConfiguration(), new RetentionConfiguration(),
                new ApiConfiguration());
    }

    private HubFolders folders;
    private PartnerConfig partners;
    private HubListeners listeners;
    private LedgerDatabase database;
    private boolean ledgerChecked;
    private HubNodes nodes;
    private final Clock clock = Clock.systemUTC();

    /**
     * The failure a configuration's bean method threw, without the wrappers Camel puts around it (a malformed
     * code-set file is a CodeSetException to the user, not an InvocationTargetException).
     */
    public static Exception startFailure(Exception failure) {
        Throwable cause = failure;
        while ((cause.getClass() == RuntimeCamelException.class || cause instanceof InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Exception unwrapped ? unwrapped : failure;
    }

    @BindToRegistry("clock")
    public Clock clock() {
        return clock;
    }

    /** The data folder holds the ledger, batch files, replies and notices: all patient data, owner-only. */
    @BindToRegistry("hubFolders")
    public HubFolders hubFolders() throws IOException {
        if (folders == null) {
            // claimshub.work-dir is set by tests only: a hub resolves against the directory it is started in
            Path workDir = Path.of(context.getPropertiesComponent().resolveProperty("claimshub.work-dir").orElse(""))
                    .toAbsolutePath();
            folders = new HubFolders(workDir, workDir.resolve(configDir), workDir.resolve(dataDir));
            PrivateFiles.createDirectories(folders.dataDir());
            PrivateFiles.restrict(folders.dataDir());
        }
        return folders;
    }

    @BindToRegistry("partnerConfig")
    public PartnerConfig partnerConfig() throws IOException {
        if (partners == null) {
            try {
                partners = PartnerConfigLoader.load(hubFolders().configDir(), hubFolders().workDir());
            } catch (ConfigException e) {
                throw new CommandException(RunCommand.BAD_CONFIG, e.problems(), e);
            }
        }
        return partners;
    }

    @BindToRegistry("hubListeners")
    public HubListeners hubListeners() {
        if (listeners == null) {
            listeners = HubListeners.configured(context.getPropertiesComponent());
        }
        return listeners;
    }

    /** The partner config is read and every port tried first: a mistake in either ends the start before the ledger opens. */
    @BindToRegistry("ledgerDatabase")
    public LedgerDatabase ledgerDatabase() throws IOException {
        if (database == null) {
            partnerConfig();
            hubListeners().requireFreePorts();
            LedgerDatabase.syncCommits(syncCommits);
            database = openLedger();
        }
        return database;
    }

    @BindToRegistry("hubNodes")
    public HubNodes hubNodes() throws IOException {
        if (nodes == null) {
            nodes = new HubNodes(ledgerDatabase().dataSource(), clock, nodeId.isBlank() ? HubNodes.defaultNodeId() : nodeId,
                    Durations.parse(nodeLease));
        }
        return nodes;
    }

    /** Incoming claims and unreadable input are recorded here. */
    @BindToRegistry("intakeLedger")
    public IntakeLedger intakeLedger() throws IOException {
        return new IntakeLedger(checkedLedger(), clock);
    }

    /** Batch files of waiting claims; this hub node's lease fences their writing (docs/cluster.md). */
    @BindToRegistry("batchLedger")
    public BatchLedger batchLedger() throws IOException {
        return new BatchLedger(checkedLedger(), clock, hubNodes().nodeId());
    }

    /** What the API, the dashboard, the gauges and the reply flow read about claims. */
    @BindToRegistry("claimQueries")
    public ClaimQueries claimQueries() throws IOException {
        return new ClaimQueries(ledgerDatabase().dataSource(), clock);
    }

    /** Refuses to start on an empty or swapped ledger after earlier work (docs/resilience.md). */
    private DataSource checkedLedger() throws IOException {
        DataSource dataSource = ledgerDatabase().dataSource();
        if (ledgerChecked) {
            return dataSource;
        }
        try {
            new LedgerContinuity(dataSource, folders.dataDir(), clock).check(
                    new WrittenBatchFiles(new BatchDestinations(folders.dataDir())).of(partners.payers()),
                    // set by run --new-ledger for one start, never in application.properties
                    context.getPropertiesComponent().resolveProperty("claimshub.ledger.start-new")
                            .map(Boolean::parseBoolean).orElse(false));
        } catch (LedgerException e) {
            database.close();
            throw new CommandException(RunCommand.UNAVAILABLE, List.of(e.getMessage()), e);
        }
        ledgerChecked = true;
        return dataSource;
    }

    /** Inbox files, clinic notices: who of several hubs works on which (docs/cluster.md). */
    @BindToRegistry("workClaims")
    public WorkClaims workClaims() throws IOException {
        return new WorkClaims(ledgerDatabase().dataSource(), clock, hubNodes().nodeId());
    }

    @BindToRegistry("encounterLedger")
    public EncounterLedger encounterLedger() throws IOException {
        return new EncounterLedger(ledgerDatabase().dataSource(), clock);
    }

    @BindToRegistry("ledgerOutageLog")
    public LedgerOutageLog ledgerOutageLog() {
        return new LedgerOutageLog(clock);
    }

    private LedgerDatabase openLedger() {
        try {
            return LedgerDatabase.open(ledgerUrl, ledgerUser, ledgerPassword, LedgerDatabase.encryptionKey(
                    encryptionKeyFile.isBlank() ? null : folders.resolve(encryptionKeyFile), encryptionKeyEnv, System::getenv));
        } catch (RuntimeException e) {
            // the driver's own message says what failed (host and port refused, database in use); the URL is not
            // repeated: a JDBC URL can hold a password
            Throwable reason = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException) {
                    reason = t;
                }
            }
            throw new CommandException(RunCommand.UNAVAILABLE, List.of("cannot open the ledger (claimshub.ledger.url): "
                    + String.valueOf(reason.getMessage()).lines().findFirst().orElse("")), e);
        }
    }

    @Override
    public void configure(CamelContext context) {
        // beans only
    }
}
