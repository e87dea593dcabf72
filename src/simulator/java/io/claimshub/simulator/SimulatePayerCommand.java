package io.claimshub.simulator;

import io.claimshub.cli.Arguments;
import io.claimshub.cli.Subcommand;
import io.claimshub.config.ConfigException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code simulate-payer --config FILE}: runs the simulator until the process is stopped (Ctrl-C). */
public final class SimulatePayerCommand {

    public static final Subcommand SUBCOMMAND = new Subcommand("simulate-payer", """
              simulate-payer --config FILE
                  Run a simulated payer beside the hub (demo and tests): SFTP and HTTP endpoints that take
                  837P files and answer with a 999 (or TA1), a 277CA and later an 835. Runs until Ctrl-C.
            """, """
            Usage: claims-hub simulate-payer --config FILE

            Runs a simulated payer beside the hub, for the demo and for trying a set-up end to end: an
            SFTP server and an HTTP endpoint that take 837P files and answer each with a 999 (or a TA1
            for an envelope it cannot read), a 277CA and later an 835, written to its outbound folder.
            It prints its ports and the host key line for the hub's known_hosts, then runs until it is
            stopped with Ctrl-C.

            Options:
              --config FILE  its YAML config (e.g. config/simulator.yaml, or config/demo/simulator.yaml);
                             passwords and tokens come from the environment variables it names

            Exit status:
              0  stopped normally
              2  the config cannot be used (a missing secret, a bad key) or a port cannot be opened
              4  failed for another reason: run again with --debug

            Example:
              PAYER_SIM_SFTP_PASSWORD=secret claims-hub simulate-payer --config config/simulator.yaml
            """, SimulatePayerCommand::fromCommandLine);

    private final PrintStream out;
    private final PrintStream err;

    public SimulatePayerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private static int fromCommandLine(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments arguments = Arguments.parse(args, Set.of("config"));
        if (arguments.option("config") == null) {
            throw new Arguments.UsageException("simulate-payer needs --config FILE");
        }
        return new SimulatePayerCommand(out, err).run(Path.of(arguments.option("config")));
    }

    /** @return 2 when the config cannot be used or a port cannot be bound; otherwise runs until stopped */
    public int run(Path configFile) throws Exception {
        SimulatorConfig config;
        try {
            config = SimulatorConfig.load(configFile, System::getenv, Path.of("").toAbsolutePath());
        } catch (ConfigException e) {
            err.println("claims-hub: the simulator configuration has problems:");
            err.println(e.getMessage());
            return 2;
        }
        PayerSimulator simulator = new PayerSimulator(config, Clock.systemUTC());
        try {
            simulator.start();
        } catch (java.io.IOException e) {
            err.println("claims-hub: the payer simulator cannot start: " + e.getMessage());
            simulator.close();
            return 2;
        }
        out.println("Payer simulator running. SFTP on " + config.bind() + ":" + simulator.sftpPort()
                + " (inbound: /" + config.sftpRoot().relativize(config.inbound()) + ", outbound: /"
                + config.sftpRoot().relativize(config.outbound()) + ")");
        if (simulator.httpPort() > 0) {
            out.println("HTTP: POST http://" + config.bind() + ":" + simulator.httpPort() + HttpInbox.PATH
                    + " with Authorization: Bearer <token>");
        }
        out.println("Host key for the hub's known_hosts:");
        out.println(simulator.knownHostsLine());
        if (config.knownHostsFile() != null) {
            try {
                writeKnownHosts(config.knownHostsFile(), simulator.knownHostsLine());
            } catch (java.io.IOException e) {
                err.println("claims-hub: cannot write the known_hosts line to " + config.knownHostsFile() + ": " + e.getMessage());
                simulator.close();
                return 2;
            }
            out.println("(written to " + config.knownHostsFile() + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Replaces the file with the one line (written beside it and renamed, so a hub never reads half of it). */
    static void writeKnownHosts(Path file, String line) throws java.io.IOException {
        Path folder = file.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(folder);
        Path temp = folder.resolve("." + file.getFileName() + ".part");
        java.nio.file.Files.writeString(temp, line + "\n", java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.file.Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
