package io.claimshub;

import io.claimshub.config.ConfigException;
import io.claimshub.mllp.ConnectionLimits;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeConfigurationTest {

    /**
     * A config file written before reserved-connections had a shipped value, with a small max-connections and
     * no reserved-connections key, must still start: the shipped default follows max-connections as the Java
     * default did (a quarter, at most 4).
     */
    @Test
    void the_shipped_reserved_connections_default_fits_a_small_max_connections_from_an_older_config() throws Exception {
        IntakeConfiguration intake = new IntakeConfiguration();
        intake.mllpReservedConnections = shipped("claimshub.mllp.reserved-connections");

        intake.mllpMaxConnections = 4;
        assertThat(intake.reservedConnections()).isEqualTo(1);
        new ConnectionLimits(4, 5, intake.reservedConnections(), 1000, 1000);

        intake.mllpMaxConnections = Integer.parseInt(shipped("claimshub.mllp.max-connections"));
        assertThat(intake.reservedConnections()).isEqualTo(4);
    }

    @Test
    void a_reserved_connections_value_of_its_own_is_used_as_it_is_and_a_word_is_a_config_error() throws Exception {
        IntakeConfiguration intake = new IntakeConfiguration();
        intake.mllpMaxConnections = 20;
        intake.mllpReservedConnections = " 0 ";
        assertThat(intake.reservedConnections()).isZero();

        intake.mllpReservedConnections = "four";
        assertThatThrownBy(intake::reservedConnections).isInstanceOf(ConfigException.class)
                .hasMessageContaining("claimshub.mllp.reserved-connections must be a whole number or empty");
    }

    private static String shipped(String key) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config/application.properties"))) {
            properties.load(in);
        }
        return properties.getProperty(key);
    }
}
