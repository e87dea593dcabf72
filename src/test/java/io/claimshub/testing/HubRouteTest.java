package io.claimshub.testing;

import io.claimshub.HubConfiguration;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The base of the {@code *RouteTest}s: {@code @CamelMainTest} starts the hub as {@code claimshub run}
 * does (HubConfiguration with every flow's configuration, the YAML routes from routes/, config/application.properties) for each test,
 * in a working directory of its own with the clinics and payers of {@link #configResource()}, free
 * loopback ports and short polling intervals. Route ids are in {@link HubRoutes}.
 *
 * <p>@CamelMainTest takes its properties as constants, so the per-test values (folders, ports) reach the
 * hub as system properties under {@code claimshub.route-test.*} that the override properties below
 * refer to; they are set in {@link #prepareHub} just before the hub starts (tests run one at a time).
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        shutdownTimeout = 10,
        properties = {
                "camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                "claimshub.work-dir={{sys:claimshub.route-test.work-dir}}",
                "claimshub.config-dir={{sys:claimshub.route-test.work-dir}}/config",
                "claimshub.data-dir={{sys:claimshub.route-test.work-dir}}/data",
                "claimshub.ledger.url=jdbc:h2:file:{{sys:claimshub.route-test.work-dir}}/data/ledger/claims;WRITE_DELAY=0",
                "claimshub.ledger.user=sa",
                "claimshub.ledger.password=",
                "claimshub.api.users-file={{sys:claimshub.route-test.work-dir}}/config/api-users.properties",
                "claimshub.mllp.host=127.0.0.1",
                "claimshub.mllp.port={{sys:claimshub.route-test.mllp-port}}",
                "claimshub.http.host=127.0.0.1",
                "claimshub.http.port={{sys:claimshub.route-test.http-port}}",
                "camel.management.host=127.0.0.1",
                "camel.management.port={{sys:claimshub.route-test.management-port}}",
                "claimshub.inbox.poll-delay=100",
                "claimshub.inbox.read-lock-interval=100",
                "claimshub.inbox.read-lock-min-age=200",
                "claimshub.inbox.stable-window=300ms",
                "claimshub.batch.tick=100",
                "claimshub.encounters.tick=200",
                "claimshub.notify.tick=200",
                "claimshub.delivery.tick=100",
                "claimshub.replies.sftp.initial-delay=50",
                "claimshub.replies.sftp.reconnect-attempts=0",
                "claimshub.replies.sftp.read-lock-min-age=1",
                "claimshub.replies.sftp.read-lock-check-interval=50",
                "claimshub.replies.sftp.read-lock-timeout=5000"})
public abstract class HubRouteTest {

    private static final String PREFIX = "claimshub.route-test.";

    /** The running hub's context (injected once @CamelMainTest has built it). */
    @BeanInject
    protected CamelContext context;

    protected Path workDir;
    protected final int mllpPort = FreePorts.next();
    protected final int httpPort = FreePorts.next();
    protected final int managementPort = FreePorts.next();

    /** The test config folder (clinics.yaml, payers.yaml with relative paths) the hub starts with. */
    protected String configResource() {
        return "e2e/config";
    }

    /** The test's clinics.yaml, made from the one of {@link #configResource()}. */
    protected String clinics(String yaml) {
        return yaml;
    }

    /** The test's payers.yaml, made from the one of {@link #configResource()}. */
    protected String payers(String yaml) {
        return yaml;
    }

    /** Files a test needs in the working directory before the hub starts, by relative path. */
    protected Map<String, String> filesBeforeStart() {
        return Map.of();
    }

    @Configure
    protected void prepareHub(MainConfigurationProperties configuration) throws IOException {
        workDir = Files.createTempDirectory(Path.of("target"), getClass().getSimpleName() + "-").toAbsolutePath();
        Path config = Files.createDirectories(workDir.resolve("config"));
        for (String name : new String[]{"clinics.yaml", "payers.yaml"}) {
            String yaml = Fixtures.resource(configResource() + "/" + name);
            Files.writeString(config.resolve(name), name.startsWith("clinics") ? clinics(yaml) : payers(yaml));
        }
        filesBeforeStart().forEach((name, content) -> {
            try {
                Path file = workDir.resolve(name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.setProperty(PREFIX + "work-dir", workDir.toString());
        System.setProperty(PREFIX + "mllp-port", String.valueOf(mllpPort));
        System.setProperty(PREFIX + "http-port", String.valueOf(httpPort));
        System.setProperty(PREFIX + "management-port", String.valueOf(managementPort));
        // as instances, as claimshub run adds them: a configuration added as a class has its bean methods
        // called twice (HubConfiguration#withFlows)
        HubConfiguration.withFlows().forEach(configuration::addConfiguration);
    }

    /** A path in the hub's working directory. */
    protected Path path(String relative) {
        return workDir.resolve(relative);
    }

    protected <T> T bean(String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(name, type);
    }
}
