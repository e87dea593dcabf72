package io.claimshub;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped log4j2.xml keeps the per-claim and per-file lines and drops the repeated noise. */
class LogConfigTest {

    @Test
    void the_hub_s_own_lines_stay_at_info() {
        assertThat(LogManager.getLogger("io.claimshub.intake.ClaimIntake").isInfoEnabled()).isTrue();
        assertThat(LogManager.getLogger("io.claimshub.StartupBanner").isInfoEnabled()).isTrue();
        assertThat(LogManager.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").isInfoEnabled()).isTrue();
    }

    @Test
    void camel_s_configuration_summaries_are_debug_only() {
        assertThat(LogManager.getLogger("org.apache.camel.main.BaseMainSupport").isInfoEnabled()).isFalse();
        assertThat(LogManager.getLogger("org.apache.camel.component.platform.http.main.MainHttpServerUtil").isInfoEnabled())
                .isFalse();
    }

    @Test
    void a_file_set_aside_is_not_warned_about_twice() {
        assertThat(LogManager.getLogger("org.apache.camel.component.file.GenericFileOnCompletion").isWarnEnabled()).isFalse();
        assertThat(LogManager.getLogger("org.apache.camel.component.file.GenericFileOnCompletion").isErrorEnabled()).isTrue();
    }

    @Test
    void the_simulator_s_sftp_logins_are_not_logged_every_poll() {
        assertThat(LogManager.getLogger("org.apache.sshd.server.session.ServerSessionImpl").isInfoEnabled()).isFalse();
        assertThat(LogManager.getLogger("org.apache.sshd.server.session.ServerSessionImpl").isWarnEnabled()).isTrue();
    }
}
