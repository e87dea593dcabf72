package io.claimshub.pickup;

import com.jcraft.jsch.JSchException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PollFailuresTest {

    private final SftpLogin keyLogin = new SftpLogin("sftp.acme.example", 2222, "sunrise", Path.of("secrets/id"), null,
            Path.of("secrets/known_hosts"), "outbound");

    @Test
    void an_unknown_host_key_says_how_to_add_it_after_checking_the_fingerprint() {
        String reason = PollFailures.explain(wrapped(new JSchException("reject HostKey: [sftp.acme.example]:2222")), keyLogin);

        assertThat(reason).startsWith("the server's host key is not in secrets/known_hosts (reject HostKey: [sftp.acme.example]:2222)")
                .contains("Check the fingerprint with the payer")
                .endsWith("ssh-keyscan -t ed25519 -p 2222 sftp.acme.example >> secrets/known_hosts");
    }

    @Test
    void a_changed_host_key_warns_of_interception() {
        String reason = PollFailures.explain(wrapped(new JSchException("HostKey has been changed: [sftp.acme.example]:2222")), keyLogin);

        assertThat(reason).startsWith("the server's host key is not the one in secrets/known_hosts")
                .contains("someone may be intercepting the connection");
    }

    @Test
    void a_refused_login_names_the_user_and_the_key() {
        String reason = PollFailures.explain(wrapped(new JSchException("Auth fail for methods 'publickey'")), keyLogin);

        assertThat(reason).isEqualTo("the server refused the login of 'sunrise' with the key secrets/id"
                + " (Auth fail for methods 'publickey')");
    }

    @Test
    void anything_else_gives_the_root_cause_on_one_line() {
        String reason = PollFailures.explain(wrapped(new IOException("Connection refused\nby peer")), keyLogin);

        assertThat(reason).isEqualTo("cannot connect or list outbound: IOException: Connection refused\\u000aby peer");
    }

    private static Exception wrapped(Exception cause) {
        return new IllegalStateException("Cannot connect to sftp://sunrise@sftp.acme.example:2222", cause);
    }
}
