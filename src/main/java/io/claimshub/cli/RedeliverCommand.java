package io.claimshub.cli;

import io.claimshub.config.ApplicationProperties;
import io.claimshub.config.ConfigException;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.delivery.DeliveryService;
import io.claimshub.ledger.DeliveryLedger;
import io.claimshub.ledger.DeliveryLedger.Delivery;
import io.claimshub.ledger.LedgerDatabase;
import io.claimshub.transport.CamelTransports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code redeliver FILE... | --payer ID}: sends dead (or still waiting) batch files again, one attempt
 * each right away with a fresh count of attempts. A file that fails again stays queued for the hub's
 * retries (or goes back to the dead-letter area when its payer allows one attempt). Uses the ledger and
 * data folder named in the config's application.properties; with the default H2 ledger the hub must be
 * stopped first (H2 in file mode admits one process).
 */
public final class RedeliverCommand {

    public static final int DELIVERED = 0;
    public static final int NOT_DELIVERED = 1;
    public static final int FAILED = 2;

    public static final Subcommand SUBCOMMAND = new Subcommand("redeliver", """
              redeliver [--config DIR] FILE... | --payer ID
                  Send batch files again that delivery gave up on (data/dead/<payer>/) or that still wait
                  for a retry: each gets a fresh count of attempts and one attempt right away.
            """, """
            Usage: claims-hub redeliver [--config DIR] FILE...
                   claims-hub redeliver [--config DIR] --payer ID

            Sends batch files again that delivery gave up on (data/dead/<payer>/) or that still wait for
            a retry: each gets a fresh count of attempts and one attempt right away, and one line says
            how it went. A file that fails again stays queued for the hub's retries. Uses the ledger and
            data folder of the config's application.properties: with the default H2 ledger, stop the
            hub first (H2 admits one process).

            Arguments and options:
              FILE           a batch file name (or path; only the name counts), as listed on the
                             dashboard or by GET /api/dead-letters
              --payer ID     every dead batch file of that payer (payers.yaml id)
              --config DIR   the folder with application.properties, clinics.yaml and payers.yaml
                             (default: $CLAIMSHUB_CONFIG, else ./config)

            Exit status:
              0  every file delivered (or the payer had no dead files)
              1  some files not delivered yet (the hub keeps retrying them)
              2  unknown file or payer, the ledger cannot be opened, or the command line or config is wrong
              4  failed for another reason: run again with --debug

            Examples:
              claims-hub redeliver --payer acme
              claims-hub redeliver acme-20261101T120000Z-000000017.837
            """, RedeliverCommand::fromCommandLine);
    private static final Pattern ENV = Pattern.compile("\\{\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}}");

    private final PrintStream out;
    private final PrintStream err;
    private final UnaryOperator<String> environment;

    public RedeliverCommand(PrintStream out, PrintStream err, UnaryOperator<String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    private static Path keyFile(Properties properties, Path workDir) {
        String name = properties.getProperty("claimshub.ledger.encryption-key-file");
        return name.isBlank() ? null : workDir.resolve(name);
    }

    private static int fromCommandLine(List<String> args, PrintStream out, PrintStream err) throws Arguments.UsageException {
        Arguments arguments = Arguments.parse(args, Set.of("config", "payer"));
        if ((arguments.option("payer") == null) == arguments.positional().isEmpty()) {
            throw new Arguments.UsageException("redeliver needs either FILE... or --payer ID");
        }
        return new RedeliverCommand(out, err, System::getenv).run(PartnerConfigLoader.resolveConfigDir(arguments.option("config")),
                Path.of("").toAbsolutePath(), arguments.positional(), arguments.option("payer"));
    }

    /** @param files file names or paths (only the name counts); empty when {@code payerId} is given */
    public int run(Path configDir, Path workDir, List<String> files, String payerId) {
        PartnerConfig partners;
        try {
            partners = PartnerConfigLoader.load(configDir, workDir);
        } catch (ConfigException e) {
            err.println("claims-hub: the configuration has problems:");
            err.println(e.getMessage());
            return FAILED;
        }
        Properties properties = properties(configDir.resolve("application.properties"));
        Path dataDir = workDir.resolve(properties.getProperty("claimshub.data-dir"));
        LedgerDatabase database;
        try {
            database = LedgerDatabase.open(
                    properties.getProperty("claimshub.ledger.url"),
                    properties.getProperty("claimshub.ledger.user"),
                    properties.getProperty("claimshub.ledger.password"),
                    LedgerDatabase.encryptionKey(keyFile(properties, workDir),
                            properties.getProperty("claimshub.ledger.encryption-key-env"), environment));
        } catch (RuntimeException e) {
            err.println("claims-hub: cannot open the ledger (with the default H2 ledger, stop the hub first): "
                    + e.getMessage());
            return FAILED;
        }
        Clock clock = Clock.systemUTC();
        DeliveryLedger ledger = new DeliveryLedger(database.dataSource(), clock);
        try (database; CamelTransports transports = CamelTransports.standalone(environment);
             DeliveryService delivery = new DeliveryService(partners, ledger, dataDir, clock, transports)) {
            List<String> names = new ArrayList<>();
            if (payerId != null) {
                if (partners.payer(payerId).isEmpty()) {
                    err.println("claims-hub: no payer '" + payerId + "' in payers.yaml");
                    return FAILED;
                }
                delivery.deadBatches(payerId).forEach(d -> names.add(d.fileName()));
                if (names.isEmpty()) {
                    out.println("payer " + payerId + " has no dead batch files");
                    return DELIVERED;
                }
            }
            files.forEach(f -> names.add(Path.of(f).getFileName().toString()));
            int status = DELIVERED;
            for (String name : names) {
                try {
                    Delivery after = delivery.redeliver(name);
                    if (after.status().equals(DeliveryLedger.DELIVERED)) {
                        out.println(name + ": delivered to " + after.destination());
                    } else {
                        out.println(name + ": not delivered (" + after.status() + ", " + after.lastError() + ")"
                                + (after.status().equals(DeliveryLedger.DEAD) ? "" : "; the hub keeps retrying it"));
                        status = Math.max(status, NOT_DELIVERED);
                    }
                } catch (IllegalArgumentException e) {
                    err.println("claims-hub: " + e.getMessage());
                    status = FAILED;
                }
            }
            return status;
        }
    }

    /**
     * application.properties over the shipped defaults ({@link ApplicationProperties}), with {{env:NAME}} and
     * {{env:NAME:default}} filled in from the environment.
     */
    private Properties properties(Path file) {
        Properties properties;
        try {
            properties = ApplicationProperties.read(file);
        } catch (IOException e) {
            err.println("claims-hub: cannot read " + file + ": " + e.getMessage());
            properties = ApplicationProperties.shipped();
        }
        for (String key : properties.stringPropertyNames()) {
            Matcher m = ENV.matcher(properties.getProperty(key));
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String env = environment.apply(m.group(1));
                m.appendReplacement(value, Matcher.quoteReplacement(env != null ? env : m.group(2) == null ? "" : m.group(2)));
            }
            m.appendTail(value);
            properties.setProperty(key, value.toString());
        }
        return properties;
    }
}
