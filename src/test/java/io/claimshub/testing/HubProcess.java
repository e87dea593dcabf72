package io.claimshub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One hub as an operator runs it: a JVM of its own ({@code java -cp … io.claimshub.ClaimsHub run}),
 * started in a shared working directory (so every node sees the same data folder) with a config
 * folder of its own (its ports and node id); what the hub is comes from {@link HubSetup}, as for a hub
 * run in the test's JVM. Its output goes to {@code <node>/hub.log}.
 */
public final class HubProcess implements AutoCloseable {

    private final String name;
    private final Path nodeDir;
    private final HubSetup setup;
    /** Where config/application.properties and routes/ come from: this checkout, or another build (a benchmark's baseline). */
    private Path installDir = Path.of("").toAbsolutePath();
    /** Null: this JVM's own class path. */
    private String classPath;
    /** The JVM's options; the cluster tests' keep start-up quick, a benchmark gives the shipped ones. */
    private List<String> jvmOptions = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private String logName = "hub.log";
    private Process process;

    /**
     * @param workDir the shared working directory; {@code data/} in it is the shared data folder
     * @param configResource the test config folder with clinics.yaml and payers.yaml (relative paths)
     */
    public HubProcess(String name, Path workDir, String configResource) {
        this(name, workDir);
        setup.partnerConfig(configResource);
    }

    /** A node whose clinics.yaml and payers.yaml the caller writes into {@link #configDir()}. */
    public HubProcess(String name, Path workDir) {
        this.name = name;
        this.nodeDir = workDir.resolve("nodes").resolve(name);
        this.setup = new HubSetup(workDir, nodeDir.resolve("config"));
        property("claimshub.node.id", name);
        property("claimshub.batch.tick", "200");
    }

    /** What this hub is (config folder, ports, ledger, properties), shared with the hub run in the test's JVM. */
    public HubSetup setup() {
        return setup;
    }

    public Path configDir() {
        return setup.configDir();
    }

    /**
     * A hub built elsewhere, e.g. an earlier commit for a benchmark's baseline: its classes, its
     * dependencies, its {@code config/application.properties} and its routes.
     *
     * @param installDir a source tree built with {@code mvn package dependency:build-classpath
     *                   -Dmdep.outputFile=target/cp.txt}
     */
    public static HubProcess built(String name, Path workDir, String configResource, Path installDir) {
        return new HubProcess(name, workDir, configResource).installedAt(installDir);
    }

    /** Runs the hub built in {@code installDir} (see {@link #built}) instead of this checkout's. */
    public HubProcess installedAt(Path installDir) {
        this.installDir = installDir;
        try {
            classPath = installDir.resolve("target/classes") + java.io.File.pathSeparator
                    + Files.readString(installDir.resolve("target/cp.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces one of this node's config files (clinics.yaml, payers.yaml), e.g. to point at a port known only now. */
    public HubProcess configFile(String file, String content) {
        setup.configFile(file, content);
        return this;
    }

    /** Until the node accepts MLLP connections; fails at once, with its log, when it died starting. */
    public HubProcess awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " died at start:\n" + logText());
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", setup.mllpPort()), 500);
                return this;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException(name + " not listening after 3 minutes:\n" + logText());
    }

    public HubProcess jvmOptions(String... options) {
        jvmOptions = List.of(options);
        return this;
    }

    public HubProcess property(String key, String value) {
        setup.property(key, value);
        return this;
    }

    /** An API user of this node (config/api-users.properties). */
    public HubProcess apiUser(String name, String role, String password) {
        setup.apiUser(name, role, password);
        return this;
    }

    /** The ledger every node shares, e.g. a PostgreSQL schema of the test's own. */
    public HubProcess ledger(String url, String user, String password) {
        setup.ledger(url, user, password);
        return this;
    }

    public String name() {
        return name;
    }

    public int mllpPort() {
        return setup.mllpPort();
    }

    public int httpPort() {
        return setup.httpPort();
    }

    public String observeUrl() {
        return setup.observeUrl();
    }

    /** The current run's output; each start appends to it. */
    public Path log() {
        return nodeDir.resolve(logName);
    }

    /** The file the next start writes its output to (in the node's folder), e.g. one per run of a restart test. */
    public HubProcess logTo(String fileName) {
        logName = fileName;
        return this;
    }

    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM: the shipped application.properties, then this node's own keys after it (they win). */
    public HubProcess start() throws IOException {
        StringBuilder config = new StringBuilder(Files.readString(installDir.resolve("config/application.properties")));
        config.append("\n# this node\n");
        Map<String, String> properties = new LinkedHashMap<>(setup.properties());
        properties.putIfAbsent("camel.main.routes-include-pattern", "file:" + installDir.resolve("routes") + "/*.camel.yaml");
        properties.forEach((key, value) -> config.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(configDir().resolve("application.properties"), config);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        // absolute: the JVM starts in the working directory, not in the checkout
        String classPath = java.util.Arrays.stream((this.classPath != null ? this.classPath
                        : System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        command.addAll(List.of("-cp", classPath,
                "io.claimshub.ClaimsHub", "run", "--config", configDir().toString()));
        process = new ProcessBuilder(command).directory(setup.workDir().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        return this;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the JVM to end; its exit status, or -1 if it still runs after the timeout. */
    public int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** {@code kill -9}: no shutdown hook, no final flush, nothing closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** {@code kill -STOP} / {@code kill -CONT}: the JVM freezes and wakes with everything in flight. */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed for " + name);
        }
    }

    /** SIGTERM, as systemd stops a hub: waiting claims are written out first. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            signalQuietly("CONT");
            stop();
        }
    }

    private void signalQuietly(String signal) {
        try {
            signal(signal);
        } catch (IOException | InterruptedException | IllegalStateException ignored) {
            // the process is gone already
        }
    }
}
