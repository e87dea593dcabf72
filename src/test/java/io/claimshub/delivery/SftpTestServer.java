package io.claimshub.delivery;

import com.jcraft.jsch.JSch;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real SFTP server (Apache MINA SSHD) on 127.0.0.1 for the delivery tests: one user with a password
 * and an ed25519 key, files under a root folder, and a few ways to misbehave on purpose.
 */
final class SftpTestServer implements AutoCloseable {

    static final String USER = "sunrise";
    static final String PASSWORD = "correct-horse";

    private final Path root;
    private final KeyPair hostKey;
    private final PublicKey userKey;
    private final AtomicInteger renames = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger opensForWrite = new AtomicInteger();
    private final AtomicBoolean dropNextWrite = new AtomicBoolean();
    private SshServer server;
    private int port;

    SftpTestServer(Path root, KeyPair hostKey, PublicKey userKey) {
        this.root = root;
        this.hostKey = hostKey;
        this.userKey = userKey;
    }

    static KeyPair newHostKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** Writes a new ed25519 private key (OpenSSH format, as ssh-keygen does) and returns its public key. */
    static PublicKey newUserKey(Path privateKeyFile) throws Exception {
        com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.ED25519);
        Files.createDirectories(privateKeyFile.getParent());
        try (var out = Files.newOutputStream(privateKeyFile)) {
            pair.writeOpenSSHv1PrivateKey(out, null);
        }
        ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
        pair.writePublicKey(publicKey, "test");
        pair.dispose();
        return PublicKeyEntry.parsePublicKeyEntry(publicKey.toString(StandardCharsets.US_ASCII).trim())
                .resolvePublicKey(null, null, null);
    }

    SftpTestServer start() throws IOException {
        return start(0);
    }

    SftpTestServer start(int wantedPort) throws IOException {
        Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(wantedPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        // ECDH on P-256 runs on the JDK's own code: the fastest handshake on a busy test machine.
        server.setKeyExchangeFactories(org.apache.sshd.common.NamedFactory.setUpTransformedFactories(false,
                List.of(org.apache.sshd.common.kex.BuiltinDHFactories.ecdhp256), org.apache.sshd.server.ServerBuilder.DH2KEX));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator(userKey == null ? null : new KeySetPublickeyAuthenticator("test", List.of(userKey)));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void open(ServerSession session, String remoteHandle, org.apache.sshd.sftp.server.Handle localHandle) {
                if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(java.nio.file.StandardOpenOption.WRITE)) {
                    opensForWrite.incrementAndGet();
                }
            }

            @Override
            public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                                byte[] data, int dataOffset, int dataLen, Throwable thrown) throws IOException {
                if (dropNextWrite.compareAndSet(true, false)) {
                    session.close(true); // the line drops after the first chunk has reached the disk
                }
            }

            @Override
            public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
                if (thrown == null) {
                    renames.incrementAndGet();
                }
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
        port = server.getPort();
        return this;
    }

    int port() {
        return port;
    }

    /** The known_hosts line for this server, as ssh-keyscan would print it. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** The next file write closes the session right after the first chunk is on disk. */
    void dropConnectionOnNextWrite() {
        dropNextWrite.set(true);
    }

    /** SSH connections accepted so far, over every start of this server. */
    int sessions() {
        return sessions.get();
    }

    int renames() {
        return renames.get();
    }

    int opensForWrite() {
        return opensForWrite.get();
    }

    /** Every file under the root, as paths relative to it, sorted. */
    List<String> files() throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    Path root() {
        return root;
    }

    void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
