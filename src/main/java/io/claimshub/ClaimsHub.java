package io.claimshub;

import io.claimshub.cli.Arguments;
import io.claimshub.cli.Arguments.UsageException;
import io.claimshub.cli.ConvertCommand;
import io.claimshub.cli.ConvertedClaimsWriter;
import io.claimshub.cli.RedeliverCommand;
import io.claimshub.claim.ClaimEdits;
import io.claimshub.config.ConfigException;
import io.claimshub.config.PartnerConfig;
import io.claimshub.config.PartnerConfigLoader;
import io.claimshub.hl7.DftMapper;
import io.claimshub.hl7.Hl7Parser;
import io.claimshub.intake.ClaimPreparation;
import io.claimshub.intake.ClinicFileReader;
import io.claimshub.intake.ReadLimits;
import io.claimshub.simulator.SimulatePayerCommand;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.LogManager;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The command line: {@code run} (the default), {@code convert}, {@code redeliver}, {@code simulate-payer}, {@code help}. */
public final class ClaimsHub {

    static final String USAGE = """
            claims-hub: HL7 v2 DFT^P03 charges and JSON claims in, X12 837P claim files out.

            Usage: java -jar target/claims-hub.jar <command> [options]

            Commands:
              run [--config DIR]
                  Start the hub (the default when no command is given): watch every clinic's inbox,
                  validate claims, record them in the ledger and write 837P batches per payer.
                  Settings: DIR/application.properties, DIR/clinics.yaml, DIR/payers.yaml.
                  Stop with Ctrl-C; waiting claims are written out before it exits.

              convert [--config DIR] [--clinic ID] --out DIR FILE...
                  Convert HL7 files (single messages or batches) or JSON claim files to one .837 file
                  per payer in --out, offline: no ledger, no folders but --out. Rejected claims are
                  printed on stderr, one line each with the file, message, claim and reasons.
                  --clinic may be left out when MSH-4 names the clinic (clinics.yaml sendingFacilities).
                  Exit status: 0 every claim converted, 1 some were rejected, 2 a file could not be read
                  or the command line or config is wrong.

              simulate-payer --config FILE
                  Run a simulated payer beside the hub (demo and tests): an SFTP server and an HTTP
                  endpoint that take 837P files and answer with a 999 (or TA1), a 277CA and later an
                  835, written to its outbound folder. FILE is its YAML config (config/simulator.yaml;
                  see README.md, "Payer simulator"). Runs until stopped with Ctrl-C.

              redeliver [--config DIR] FILE... | --payer ID
                  Send batch files again that delivery gave up on (data/dead/<payer>/) or that still wait
                  for a retry: each gets a fresh count of attempts and one attempt right away. FILE is a
                  batch file name (or path); --payer ID takes every dead file of that payer. Stop the hub
                  first when the ledger is the default H2 one. Exit status: 0 all delivered, 1 some not
                  delivered yet (the hub keeps retrying them), 2 unknown file or payer, or bad config.

              help
                  Show this text (also --help, -h).

            DIR defaults to $CLAIMSHUB_CONFIG, else ./config. Relative paths in the config resolve
            against the directory the command runs in.
            """;

    private ClaimsHub() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String command = args.isEmpty() ? "run" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (command) {
                case "run" -> runHub(Arguments.parse(rest, Set.of("config")));
                case "convert" -> convert(Arguments.parse(rest, Set.of("config", "clinic", "out")), err);
                case "simulate-payer" -> simulatePayer(Arguments.parse(rest, Set.of("config")), out, err);
                case "redeliver" -> redeliver(Arguments.parse(rest, Set.of("config", "payer")), out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("claims-hub: " + e.getMessage());
            err.println("Run 'java -jar target/claims-hub.jar --help' for usage.");
            return ConvertCommand.FAILED;
        }
    }

    private static int runHub(Arguments arguments) throws Exception {
        Path configDir = PartnerConfigLoader.resolveConfigDir(arguments.option("config"));
        Main main = new Main();
        main.configure().addConfiguration(HubConfiguration.class);
        main.addInitialProperty("claimshub.config-dir", configDir.toString());
        // The HTTP server for the API and dashboard, also for an application.properties written before
        // they existed (its own camel.server.* keys win).
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "{{claimshub.http.host:0.0.0.0}}");
        main.addInitialProperty("camel.server.port", "{{claimshub.http.port:8080}}");
        // Health and metrics on the management port, likewise on by default.
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.port", "9876");
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        main.addInitialProperty("camel.management.health-path", "/observe/health");
        main.addInitialProperty("camel.management.metrics-enabled", "true");
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.addInitialProperty("camel.metrics.path", "/observe/metrics");
        main.addInitialProperty("camel.health.enabled", "true");
        main.setPropertyPlaceholderLocations("file:" + configDir.resolve("application.properties") + ";optional=true");
        try {
            main.run();
            return main.getExitCode();
        } finally {
            // the log is written by a background thread (log4j2.xml): flush its last lines
            LogManager.shutdown();
        }
    }

    private static int simulatePayer(Arguments arguments, PrintStream out, PrintStream err) throws Exception {
        if (arguments.option("config") == null) {
            throw new UsageException("simulate-payer needs --config FILE");
        }
        return new SimulatePayerCommand(out, err).run(Path.of(arguments.option("config")));
    }

    private static int redeliver(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        if ((arguments.option("payer") == null) == arguments.positional().isEmpty()) {
            throw new UsageException("redeliver needs either FILE... or --payer ID");
        }
        Path configDir = PartnerConfigLoader.resolveConfigDir(arguments.option("config"));
        return new RedeliverCommand(out, err, System::getenv)
                .run(configDir, Path.of("").toAbsolutePath(), arguments.positional(), arguments.option("payer"));
    }

    private static int convert(Arguments arguments, PrintStream err) throws Exception {
        if (arguments.option("out") == null) {
            throw new UsageException("convert needs --out DIR");
        }
        if (arguments.positional().isEmpty()) {
            throw new UsageException("convert needs at least one FILE");
        }
        Path workDir = Path.of("").toAbsolutePath();
        PartnerConfig partners;
        try {
            partners = PartnerConfigLoader.load(PartnerConfigLoader.resolveConfigDir(arguments.option("config")), workDir);
        } catch (ConfigException e) {
            err.println("claims-hub: the configuration has problems:");
            err.println(e.getMessage());
            return ConvertCommand.FAILED;
        }
        Clock clock = Clock.systemUTC();
        ClaimPreparation preparation = new ClaimPreparation(partners, new Hl7Parser(), new DftMapper(), new ClaimEdits(clock),
                ReadLimits.DEFAULTS);
        List<Path> files = arguments.positional().stream().map(Path::of).toList();
        return new ConvertCommand(preparation, new ClinicFileReader(ReadLimits.DEFAULTS), err)
                .convert(arguments.option("clinic"), Path.of(arguments.option("out")), files, new ConvertedClaimsWriter(clock));
    }
}
