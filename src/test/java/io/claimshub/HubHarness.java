package io.claimshub;

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
 * Starts the real hub (HubConfiguration and the YAML routes from routes/) in a working directory of
 * its own, with short polling intervals, and stops it like an operator would. A second start in the
 * same directory is a restart: same ledger, same folders.
 */
public final class HubHarness implements AutoCloseable {

    private final Path workDir;
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

    public Path workDir() {
        return workDir;
    }

    public Path path(String relative) {
        return workDir.resolve(relative);
    }

    public HubHarness start() throws Exception {
        main = new Main();
        main.configure().addConfiguration(HubConfiguration.class);
        main.configure().setRoutesIncludePattern("file:routes/*.camel.yaml");
        main.configure().setShutdownTimeout(10);
        main.addInitialProperty("claimshub.work-dir", workDir.toString());
        main.addInitialProperty("claimshub.config-dir", workDir.resolve("config").toString());
        main.addInitialProperty("claimshub.data-dir", workDir.resolve("data").toString());
        main.addInitialProperty("claimshub.ledger.url", "jdbc:h2:file:" + workDir.resolve("data/ledger/claims"));
        main.addInitialProperty("claimshub.ledger.user", "sa");
        main.addInitialProperty("claimshub.ledger.password", "");
        main.addInitialProperty("claimshub.inbox.poll-delay", "100");
        main.addInitialProperty("claimshub.inbox.read-lock-interval", "100");
        main.addInitialProperty("claimshub.inbox.read-lock-min-age", "200");
        main.addInitialProperty("claimshub.batch.tick", "100");
        main.start();
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
