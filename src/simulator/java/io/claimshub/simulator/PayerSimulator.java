package io.claimshub.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The running simulator: the SFTP server and the HTTP endpoint, both answering through one
 * {@link ClearinghouseReplies}. An answered SFTP file moves to {@code processed/} under the SFTP root;
 * a file that is not X12 moves to {@code failed/} with a {@code .reason.txt} beside it.
 */
public final class PayerSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PayerSimulator.class);

    private final SimulatorConfig config;
    private final ClearinghouseReplies replies;
    private final SftpInbox sftp;
    private final HttpInbox http;

    public PayerSimulator(SimulatorConfig config, Clock clock) {
        this.config = config;
        this.replies = new ClearinghouseReplies(config, clock);
        this.sftp = new SftpInbox(config, this::answer);
        this.http = config.httpPort() == null ? null : new HttpInbox(config, replies);
    }

    public PayerSimulator start() throws IOException {
        sftp.start();
        if (http != null) {
            http.start();
        }
        return this;
    }

    private void answer(Path file) {
        String name = file.getFileName().toString();
        Path root = config.sftpRoot();
        try {
            replies.receive(name, Files.readAllBytes(file));
            SftpInbox.setAside(file, root.resolve("processed"));
        } catch (Unreadable837Exception e) {
            LOG.warn("{}: set aside in failed/: {}", name, e.getMessage());
            try {
                Path failed = SftpInbox.setAside(file, root.resolve("failed"));
                Files.writeString(failed.resolveSibling(name + ".reason.txt"), e.getMessage() + "\n");
            } catch (IOException io) {
                LOG.error("{}: cannot set aside: {}", name, io.getMessage());
            }
        } catch (IOException e) {
            LOG.error("{}: cannot read or move: {}", name, e.getMessage());
        }
    }

    public int sftpPort() {
        return sftp.port();
    }

    /** -1 when the HTTP endpoint is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public String knownHostsLine() {
        return sftp.knownHostsLine();
    }

    public java.security.PublicKey hostKey() {
        return sftp.hostKey();
    }

    @Override
    public void close() throws IOException {
        if (http != null) {
            http.close();
        }
        sftp.close();
        replies.close();
    }
}
