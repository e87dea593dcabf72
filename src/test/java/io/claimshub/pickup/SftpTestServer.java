package io.claimshub.pickup;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real SFTP server (Apache MINA SSHD) on a free loopback port, serving a folder as "/", with one
 * user who logs in by Ed25519 key or password. {@link #listAs} makes directory listings show a file
 * under another name, as a hostile server would: names no file system can hold ({@code ../../x},
 * {@code a\b}, line breaks) reach the client exactly as written.
 */
final class SftpTestServer implements AutoCloseable {

    static final String USER = "sunrise";

    private final Path root;
    /** MINA signs only with its own Ed25519 key types (from Bouncy Castle), not the JDK's. */
    private final KeyPair hostKey = SshKeys.ed25519(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    private final KeyPair userKey = SshKeys.ed25519();
    private final Map<String, String> listedNames = new ConcurrentHashMap<>();
    private final SshServer server;
    private volatile String password = "s3cr)et+&%pa#ss?x=1";

    SftpTestServer(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((PublickeyAuthenticator) (user, key, session) ->
                USER.equals(user) && sameKey(key, userKey.getPublic()));
        server.setPasswordAuthenticator((PasswordAuthenticator) (user, pw, session) ->
                USER.equals(user) && password.equals(pw));
        // password logins by the "password" method only: a refused one fails at once instead of going on
        // to keyboard-interactive rounds
        server.setKeyboardInteractiveAuthenticator(null);
        server.setFileSystemFactory(new VirtualFileSystemFactory(this.root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new SftpFileSystemAccessor() {
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
                })
                .build();
        server.setSubsystemFactories(List.of(sftp));
        server.start();
    }

    private static boolean sameKey(PublicKey offered, PublicKey expected) {
        return Arrays.equals(SshKeys.rawPublic(offered), SshKeys.rawPublic(expected));
    }

    int port() {
        return server.getPort();
    }

    Path root() {
        return root;
    }

    KeyPair hostKey() {
        return hostKey;
    }

    KeyPair userKey() {
        return userKey;
    }

    String password() {
        return password;
    }

    /** Puts a file on the server (in {@code dir} under the root). */
    Path put(String dir, String name, String content) {
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
    void listAs(String onDisk, String listedName) {
        listedNames.put(onDisk, listedName);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
