package io.claimshub.testing;

import io.claimshub.HubConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the real hub (every flow's configuration and the YAML routes from routes/) in a working directory of
 * its own, with short polling intervals, and stops it like an operator would. A second start in the
 * same directory is a restart: same ledger, same folders.
 */
public final class HubHarness implements AutoCloseable {

    private final Path workDir;
    private final java.util.Map<String, String> extraProperties = new java.util.LinkedHashMap<>();
    private final int mllpPort = FreePorts.next();
    private final int httpPort = FreePorts.next();
    /** Never the shipped 9876: several hubs run at once in the test JVM. */
    private final int managementPort = FreePorts.next();
    private boolean shippedBindAddresses;
    private Main main;

    public HubHarness(Path workDir) {
        this.workDir = workDir;
    }

    /** Copies a test config folder (clinics.yaml, payers.yaml with relative paths) into the work dir. */
    public HubHarness withConfig(String resourceFolder) {
        try {
            Path config = workDir.resolve("config");
            Files.createDirectories(config);
            for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
                try (InputStream in = HubHarness.class.getResourceAsStream("/" + resourceFolder + "/" + name)) {
                    Files.copy(in, config.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overrides one property of config/application.properties for this hub. */
    public HubHarness withProperty(String key, String value) {
        extraProperties.put(key, value);
        return this;
    }

    /**
     * Leaves the MLLP, API and management bind addresses as config/application.properties ships them
     * (the harness otherwise pins them to 127.0.0.1), to test the shipped defaults.
     */
    public HubHarness withShippedBindAddresses() {
        shippedBindAddresses = true;
        return this;
    }

    /** The loopback port the hub's MLLP listener uses (a free one, chosen once per harness). */
    public int mllpPort() {
        return mllpPort;
    }

    /** The loopback port of the hub's business HTTP port (REST API), a free one chosen once per harness. */
    public int httpPort() {
        return httpPort;
    }

    /** The loopback port of the management server (/observe/health, /observe/metrics). */
    public int managementPort() {
        return managementPort;
    }

    /** The management server's base URL, e.g. {@code http://127.0.0.1:PORT/observe}. */
    public String observeUrl() {
        return "http://127.0.0.1:" + managementPort + "/observe";
    }

    /** Copies clinics.yaml and payers.yaml from a folder on disk (e.g. the shipped config/). */
    public HubHarness withConfigFrom(Path folder) {
        try {
            Path config = Files.createDirectories(workDir.resolve("config"));
            for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
                Files.copy(folder.resolve(name), config.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path workDir() {
        return workDir;
    }

    public Path path(String relative) {
        return workDir.resolve(relative);
    }

    public HubHarness start() throws Exception {
        main = new Main();
        HubConfiguration.withFlows().forEach(main.configure()::addConfiguration);
        main.configure().setRoutesIncludePattern("file:routes/*.camel.yaml");
        main.configure().setShutdownTimeout(10);
        main.addOverrideProperty("claimshub.work-dir", workDir.toString());
        main.addOverrideProperty("claimshub.config-dir", workDir.resolve("config").toString());
        main.addOverrideProperty("claimshub.data-dir", workDir.resolve("data").toString());
        main.addOverrideProperty("claimshub.ledger.url", "jdbc:h2:file:" + workDir.resolve("data/ledger/claims") + ";WRITE_DELAY=0");
        main.addOverrideProperty("claimshub.ledger.user", "sa");
        main.addOverrideProperty("claimshub.ledger.password", "");
        main.addOverrideProperty("claimshub.inbox.poll-delay", "100");
        main.addOverrideProperty("claimshub.inbox.read-lock-interval", "100");
        main.addOverrideProperty("claimshub.inbox.read-lock-min-age", "200");
        main.addOverrideProperty("claimshub.inbox.stable-window", "300ms");
        main.addOverrideProperty("claimshub.batch.tick", "100");
        main.addOverrideProperty("claimshub.encounters.tick", "200");
        if (!shippedBindAddresses) {
            main.addOverrideProperty("claimshub.mllp.host", "127.0.0.1");
            main.addOverrideProperty("claimshub.http.host", "127.0.0.1");
            main.addOverrideProperty("camel.management.host", "127.0.0.1");
        }
        main.addOverrideProperty("claimshub.mllp.port", String.valueOf(mllpPort));
        main.addOverrideProperty("claimshub.http.port", String.valueOf(httpPort));
        main.addOverrideProperty("claimshub.api.users-file", workDir.resolve("config/api-users.properties").toString());
        main.addOverrideProperty("camel.management.port", String.valueOf(managementPort));
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        extraProperties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            throw HubConfiguration.startFailure(e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
        return this;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public void stop() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
