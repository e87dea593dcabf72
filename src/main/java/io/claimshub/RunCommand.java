package io.claimshub;

import io.claimshub.cli.Arguments;
import io.claimshub.cli.CommandException;
import io.claimshub.cli.Subcommand;
import io.claimshub.config.ApplicationProperties;
import io.claimshub.config.PartnerConfigLoader;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.LogManager;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code run [--config DIR]}: starts the hub with Camel Main and runs it until it is stopped. */
final class RunCommand {

    /** The configuration (clinics.yaml, payers.yaml, application.properties) is wrong: nothing started. */
    static final int BAD_CONFIG = 2;
    /** A port the hub listens on is taken or cannot be opened, or the ledger cannot be opened: nothing started. */
    static final int UNAVAILABLE = 3;

    static final Subcommand SUBCOMMAND = new Subcommand("run", """
              run [--config DIR] [--new-ledger]
                  Start the hub (the default when no command is given): watch every clinic's inbox and the
                  MLLP port, validate claims, record them in the ledger, write and send 837P batches per
                  payer, read the replies. Stop with Ctrl-C; waiting claims are written out before it exits.
            """, """
            Usage: claims-hub run [--config DIR] [--new-ledger]

            Starts the hub and runs it until it is stopped (Ctrl-C or SIGTERM); claims still waiting for
            their batch are written out before it exits. Once everything listens, one log line says so:
            each watched inbox, the MLLP port, the dashboard's address.

            Options:
              --config DIR   the folder with application.properties, clinics.yaml and payers.yaml
                             (default: $CLAIMSHUB_CONFIG, else ./config)
              --new-ledger   start although the ledger is empty (or another one than data/ledger-id
                             names) while the data folder shows earlier work; claims sent again are
                             then billed again (docs/resilience.md)
              --debug        show the stack trace when the hub cannot start

            Exit status:
              0  stopped normally
              2  the configuration is wrong: one line per problem, naming the file, line and key
              3  a port is in use or cannot be opened: "port 8080 is in use: set claimshub.http.port
                 or stop the other program"; or the ledger cannot be opened, or it is empty or another
                 one while the data folder was used before (see --new-ledger)
              4  failed for another reason (a bug, or the machine): run again with --debug

            Example:
              claims-hub run --config /etc/claims-hub
            """, RunCommand::run);

    private RunCommand() {
    }

    /**
     * A value from application.properties that a route's endpoint cannot take (poll-delay = soon) fails
     * deep inside Camel; the user needs the option and the value, not the exception chain.
     */
    private static Exception withOptionNamed(Exception failure) {
        PropertyBindingException binding = null;
        String routeId = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException route && routeId == null) {
                routeId = route.getRouteId();
            }
            if (t instanceof PropertyBindingException found) {
                binding = found;
            }
        }
        if (binding == null || CommandException.findIn(failure) != null) {
            return failure;
        }
        return new CommandException(BAD_CONFIG, List.of((routeId == null ? "" : "route " + routeId + " ") + "cannot use "
                + binding.getPropertyName() + " = " + binding.getValue() + ": check the key in application.properties that sets it"),
                failure);
    }

    private static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments arguments = Arguments.parse(args, Set.of("config"), Set.of("new-ledger"));
        Path configDir = PartnerConfigLoader.resolveConfigDir(arguments.option("config"));
        Main main = new Main();
        HubConfiguration.withFlows().forEach(main.configure()::addConfiguration);
        // every key's default; the user's application.properties (the placeholder location) is read over it
        main.setInitialProperties(ApplicationProperties.shipped());
        main.addInitialProperty("claimshub.config-dir", configDir.toString());
        main.setPropertyPlaceholderLocations("file:" + configDir.resolve("application.properties") + ";optional=true");
        if (arguments.flag("new-ledger")) {
            main.addOverrideProperty("claimshub.ledger.start-new", "true");
        }
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            throw withOptionNamed(HubConfiguration.startFailure(e));
        } finally {
            // the log is written by a background thread (log4j2.xml): flush its last lines
            LogManager.shutdown();
        }
    }
}
