package io.claimshub.testing;

import com.jcraft.jsch.JSch;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real SFTP server (Apache MINA SSHD) on 127.0.0.1, serving a folder as "/", with one user who logs
 * in by password or by key; the payer's side of delivery (837s uploaded to it) and of reply pickup
 * (999/277CA/835 put on it). It counts sessions, renames and writes, and misbehaves on purpose:
 * {@link #dropConnectionOnNextWrite} cuts the line mid-upload, {@link #listAs} makes directory listings
 * show a file under another name, as a hostile server would (names no file system can hold, such as
 * {@code ../../x}, {@code a\b} or line breaks, reach the client exactly as written).
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String USER = "sunrise";
    public static final String PASSWORD = "correct-horse";

    private final Path root;
    private final KeyPair hostKey;
    private final PublicKey userKey;
    private final Map<String, String> listedNames = new ConcurrentHashMap<>();
    private final AtomicInteger renames = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger opensForWrite = new AtomicInteger();
    private final AtomicBoolean dropNextWrite = new AtomicBoolean();
    private volatile String password = PASSWORD;
    private SshServer server;
    private int port;

    /**
     * @param hostKey the server's key ({@link #newHostKey()} for ECDSA P-256, or an Ed25519 pair made with
     *                Bouncy Castle: MINA signs only with its own Ed25519 key types, not the JDK's)
     * @param userKey the one public key the user may log in with; null for password logins only
     */
    public SftpTestServer(Path root, KeyPair hostKey, PublicKey userKey) {
        this.root = root;
        this.hostKey = hostKey;
        this.userKey = userKey;
    }

    /** An ECDSA P-256 host key: the JDK's own code, the fastest handshake on a busy test machine. */
    public static KeyPair newHostKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** Writes a new ed25519 private key (OpenSSH format, as ssh-keygen does) and returns its public key. */
    public static PublicKey newUserKey(Path privateKeyFile) throws Exception {
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

    /** The password the user logs in with from now on (the default is {@link #PASSWORD}). */
    public SftpTestServer withPassword(String value) {
        password = value;
        return this;
    }

    public SftpTestServer start() throws IOException {
        return start(0);
    }

    /** Starts on {@code wantedPort} (0: a free one); a server stopped before may start again on its old port. */
    public SftpTestServer start(int wantedPort) throws IOException {
        Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(wantedPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        // ECDH on P-256 runs on the JDK's own code: the fastest handshake on a busy test machine.
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                List.of(BuiltinDHFactories.ecdhp256), ServerBuilder.DH2KEX));
        server.setPasswordAuthenticator((user, offered, session) -> USER.equals(user) && password.equals(offered));
        server.setPublickeyAuthenticator(userKey == null ? null
                : (user, offered, session) -> USER.equals(user) && sameKey(offered, userKey));
        // password logins by the "password" method only: a refused one fails at once instead of going on
        // to keyboard-interactive rounds
        server.setKeyboardInteractiveAuthenticator(null);
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().withFileSystemAccessor(new ListedNames()).build();
        sftp.addSftpEventListener(new Counters());
        server.setSubsystemFactories(List.of(sftp));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
        port = server.getPort();
        return this;
    }

    /** The same key, whichever provider made either side (the JDK's Ed25519 keys and MINA's differ in type). */
    private static boolean sameKey(PublicKey offered, PublicKey expected) {
        return KeyUtils.compareKeys(offered, expected) || offered.getAlgorithm().startsWith("Ed")
                && expected.getAlgorithm().startsWith("Ed")
                && Arrays.equals(SshKeys.rawPublic(offered), SshKeys.rawPublic(expected));
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    public String password() {
        return password;
    }

    /** The known_hosts line for this server, as ssh-keyscan would print it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Puts a file on the server (in {@code dir} under the root), written under a temporary name first. */
    public Path put(String dir, String name, String content) {
        try {
            Path folder = Files.createDirectories(root.resolve(dir));
            Path tmp = folder.resolve("." + name + ".tmp");
            Files.writeString(tmp, content);
            return Files.move(tmp, folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, directory listings show the file {@code onDisk} as {@code listedName}. */
    public void listAs(String onDisk, String listedName) {
        listedNames.put(onDisk, listedName);
    }

    /** The next file write closes the session right after the first chunk is on disk. */
    public void dropConnectionOnNextWrite() {
        dropNextWrite.set(true);
    }

    /** SSH connections accepted so far, over every start of this server. */
    public int sessions() {
        return sessions.get();
    }

    public int renames() {
        return renames.get();
    }

    public int opensForWrite() {
        return opensForWrite.get();
    }

    /** Every file under the root, as paths relative to it, sorted. */
    public List<String> files() throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    public void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Shows a file in directory listings under the name {@link #listAs} gave it. */
    private final class ListedNames implements SftpFileSystemAccessor {
        @Override
        public void putRemoteFileName(SftpSubsystemProxy subsystem, Path path, Buffer buffer, String name,
                                      boolean shortName) throws IOException {
            String onDisk = path.getFileName() == null ? null : path.getFileName().toString();
            String listed = onDisk == null ? null : listedNames.get(onDisk);
            if (listed != null) {
                name = shortName ? listed : name.replace(onDisk, listed);
            }
            SftpFileSystemAccessor.super.putRemoteFileName(subsystem, path, buffer, name, shortName);
        }
    }

    private final class Counters implements SftpEventListener {
        @Override
        public void open(ServerSession session, String remoteHandle, Handle localHandle) {
            if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE)) {
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
    }
}
