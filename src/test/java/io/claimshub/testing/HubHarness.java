package io.claimshub.testing;

import io.claimshub.HubConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the real hub (every flow's configuration and the YAML routes from routes/) in this JVM, in a working
 * directory of its own ({@link HubSetup}), with short polling intervals, and stops it like an operator would.
 * A second start in the same directory is a restart: same ledger, same folders.
 */
public final class HubHarness implements AutoCloseable {

    private static final HttpClient MANAGEMENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HubSetup setup;
    private Main main;

    public HubHarness(Path workDir) {
        this.setup = new HubSetup(workDir, workDir.resolve("config"));
    }

    /** What this hub is (config folder, ports, ledger, properties), shared with the hub run as a process. */
    public HubSetup setup() {
        return setup;
    }

    /** Copies a test config folder (clinics.yaml, payers.yaml with relative paths) into the work dir. */
    public HubHarness withConfig(String resourceFolder) {
        setup.partnerConfig(resourceFolder);
        return this;
    }

    /** Copies clinics.yaml and payers.yaml from a folder on disk (e.g. the shipped config/). */
    public HubHarness withConfigFrom(Path folder) {
        setup.partnerConfigFrom(folder);
        return this;
    }

    /** Overrides one property of config/application.properties for this hub. */
    public HubHarness withProperty(String key, String value) {
        setup.property(key, value);
        return this;
    }

    /** Adds an API user to config/api-users.properties. */
    public HubHarness withApiUser(String name, String role, String password) {
        setup.apiUser(name, role, password);
        return this;
    }

    /** Adds an API user who sees only the given clinics (comma-separated ids). */
    public HubHarness withApiUser(String name, String role, String password, String clinics) {
        setup.apiUser(name, role, password, clinics);
        return this;
    }

    /** Adds an API key (a program's login) to config/api-users.properties. */
    public HubHarness withApiKey(String name, String role, String key) {
        setup.apiKey(name, role, key);
        return this;
    }

    /** See {@link HubSetup#shippedBindAddresses()}. */
    public HubHarness withShippedBindAddresses() {
        setup.shippedBindAddresses();
        return this;
    }

    /** The loopback port the hub's MLLP listener uses (a free one, chosen once per harness). */
    public int mllpPort() {
        return setup.mllpPort();
    }

    /** The loopback port of the hub's business HTTP port (REST API), a free one chosen once per harness. */
    public int httpPort() {
        return setup.httpPort();
    }

    /** The loopback port of the management server (/observe/health, /observe/metrics). */
    public int managementPort() {
        return setup.managementPort();
    }

    /** The management server's base URL, e.g. {@code http://127.0.0.1:PORT/observe}. */
    public String observeUrl() {
        return setup.observeUrl();
    }

    /** GET on the management server, e.g. {@code observe("/health/ready")}; a hub that does not answer fails the call. */
    public HttpResponse<String> observe(String path) throws IOException, InterruptedException {
        return MANAGEMENT.send(HttpRequest.newBuilder(URI.create(observeUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public Path workDir() {
        return setup.workDir();
    }

    public Path path(String relative) {
        return setup.workDir().resolve(relative);
    }

    public HubHarness start() throws Exception {
        main = new Main();
        HubConfiguration.withFlows().forEach(main.configure()::addConfiguration);
        main.configure().setRoutesIncludePattern("file:routes/*.camel.yaml");
        main.configure().setShutdownTimeout(10);
        Path workDir = setup.workDir();
        main.addOverrideProperty("claimshub.work-dir", workDir.toString());
        main.addOverrideProperty("claimshub.config-dir", setup.configDir().toString());
        main.addOverrideProperty("claimshub.data-dir", workDir.resolve("data").toString());
        main.addOverrideProperty("claimshub.inbox.poll-delay", "100");
        main.addOverrideProperty("claimshub.inbox.read-lock-interval", "100");
        main.addOverrideProperty("claimshub.inbox.read-lock-min-age", "200");
        main.addOverrideProperty("claimshub.inbox.stable-window", "300ms");
        main.addOverrideProperty("claimshub.batch.tick", "100");
        main.addOverrideProperty("claimshub.encounters.tick", "200");
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        setup.properties().forEach(main::addOverrideProperty);
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
