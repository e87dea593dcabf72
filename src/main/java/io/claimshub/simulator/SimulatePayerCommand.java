package io.claimshub.simulator;

import io.claimshub.config.ConfigException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code simulate-payer --config FILE}: runs the simulator until the process is stopped (Ctrl-C). */
public final class SimulatePayerCommand {

    private final PrintStream out;
    private final PrintStream err;

    public SimulatePayerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
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
