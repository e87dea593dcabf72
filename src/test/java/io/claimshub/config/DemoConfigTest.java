package io.claimshub.config;

import io.claimshub.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile (config/demo, the round trip in README.md) loads as shipped, and its hub side points at
 * its simulator side: same port, same password variable, the known_hosts file the simulator writes.
 */
class DemoConfigTest {

    private static final Path DEMO = Path.of("config/demo");
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void the_demo_clinics_and_payers_load_and_the_payer_talks_sftp_both_ways() throws Exception {
        PartnerConfig config = PartnerConfigLoader.load(DEMO, PROJECT);

        assertThat(config.clinics()).extracting(ClinicConfig::id).containsExactly("sunrise");
        PayerConfig acme = config.payer("acme").orElseThrow();
        assertThat(acme.delivery()).isInstanceOf(PayerConfig.Delivery.Sftp.class);
        assertThat(acme.replies()).isInstanceOfSatisfying(PayerConfig.Replies.Sftp.class,
                replies -> assertThat(replies.directory()).isEqualTo("/outbound"));
        assertThat(config.payerForCompanyId("ACME")).contains(acme);
    }

    @Test
    void the_demo_hub_reaches_the_demo_simulator_with_its_port_password_variable_and_host_key_file() throws Exception {
        SimulatorConfig simulator = SimulatorConfig.load(DEMO.resolve("simulator.yaml"),
                Map.of("DEMO_SFTP_PASSWORD", "x")::get, PROJECT);
        PayerConfig.Delivery.Sftp delivery = (PayerConfig.Delivery.Sftp) PartnerConfigLoader.load(DEMO, PROJECT)
                .payer("acme").orElseThrow().delivery();
        PayerConfig.SftpAccount account = delivery.account();

        assertThat(account.port()).isEqualTo(simulator.sftpPort());
        assertThat(account.passwordEnv()).isEqualTo("DEMO_SFTP_PASSWORD");
        assertThat(simulator.users()).extracting(SimulatorConfig.User::name).containsExactly(account.username());
        assertThat(PROJECT.resolve(account.knownHostsFile()).normalize())
                .isEqualTo(PROJECT.resolve(simulator.knownHostsFile()).normalize());
        assertThat("/" + simulator.sftpRoot().relativize(simulator.inbound())).isEqualTo(delivery.directory());
    }

    @Test
    void the_demo_properties_keep_every_key_of_the_shipped_ones_and_its_data_under_data_demo() throws IOException {
        Properties shipped = properties(Path.of("config/application.properties"));
        Properties demo = properties(DEMO.resolve("application.properties"));

        assertThat(demo.stringPropertyNames()).containsAll(shipped.stringPropertyNames());
        assertThat(demo.getProperty("claimshub.data-dir")).isEqualTo("data/demo");
        assertThat(demo.getProperty("claimshub.ledger.url")).contains("./data/demo/");
        assertThat(demo.getProperty("claimshub.http.host")).isEqualTo("127.0.0.1");
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}
