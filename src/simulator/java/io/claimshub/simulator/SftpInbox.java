package io.claimshub.simulator;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulator's SFTP server (Apache MINA SSHD): users see the SFTP root with its inbound and
 * outbound folders. A file is taken when an upload into inbound is closed, or renamed into inbound
 * (clients that upload under a temporary name); names starting with '.' or ending in .tmp/.part are
 * left until renamed. The host key is generated on first start.
 */
public final class SftpInbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SftpInbox.class);

    private final SimulatorConfig config;
    private final Consumer<Path> arrivals;
    private final SshServer server = SshServer.setUpDefaultServer();
    private PublicKey hostKey;

    /** @param arrivals called with each complete file in inbound, on an SFTP thread */
    public SftpInbox(SimulatorConfig config, Consumer<Path> arrivals) {
        this.config = config;
        this.arrivals = arrivals;
    }

    public void start() throws IOException {
        Files.createDirectories(config.inbound());
        Files.createDirectories(config.outbound());
        if (config.hostKey().getParent() != null) {
            Files.createDirectories(config.hostKey().getParent());
        }
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(config.hostKey());
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        keys.setKeySize(256);
        List<KeyPair> pairs = new ArrayList<>();
        keys.loadKeys(null).forEach(pairs::add);
        hostKey = pairs.get(0).getPublic();
        Map<String, byte[]> passwords = new HashMap<>();
        Map<String, List<PublicKey>> authorized = new HashMap<>();
        for (SimulatorConfig.User user : config.users()) {
            if (user.password() != null) {
                passwords.put(user.name(), user.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (user.authorizedKeys() != null) {
                authorized.put(user.name(), readKeys(user));
            }
        }
        server.setHost(config.bind());
        server.setPort(config.sftpPort());
        server.setKeyPairProvider(keys);
        server.setPasswordAuthenticator((username, password, session) -> passwords.containsKey(username)
                && MessageDigest.isEqual(passwords.get(username), password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        server.setPublickeyAuthenticator((username, key, session) -> authorized.getOrDefault(username, List.of())
                .stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setFileSystemFactory(new VirtualFileSystemFactory(config.sftpRoot().toAbsolutePath()));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new Listener());
        server.setSubsystemFactories(List.of(sftp));
        server.start();
        LOG.info("SFTP server on {}:{}, root {}", config.bind(), port(), config.sftpRoot());
    }

    private static List<PublicKey> readKeys(SimulatorConfig.User user) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        try {
            for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(user.authorizedKeys())) {
                keys.add(entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("sftp user " + user.name() + ": " + user.authorizedKeys()
                    + " holds a key that cannot be used: " + e.getMessage(), e);
        }
        return keys;
    }

    public int port() {
        return server.getPort();
    }

    public PublicKey hostKey() {
        return hostKey;
    }

    /** The line for the hub's known_hosts file. */
    public String knownHostsLine() {
        String host = port() == 22 ? config.bind() : "[" + config.bind() + "]:" + port();
        return host + " " + PublicKeyEntry.toString(hostKey);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private boolean takes(Path file) {
        String name = file.getFileName().toString();
        return file.toAbsolutePath().normalize().getParent().equals(config.inbound().toAbsolutePath().normalize())
                && !name.startsWith(".") && !name.endsWith(".tmp") && !name.endsWith(".part") && Files.isRegularFile(file);
    }

    /** @param seen the path as the SFTP session sees it (inside the virtual root) */
    private void arrived(Path seen) {
        try {
            String inside = seen.toString().replace('\\', '/');
            Path file = config.sftpRoot().resolve(inside.startsWith("/") ? inside.substring(1) : inside);
            if (takes(file)) {
                arrivals.accept(file);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: not answered: {}", seen.getFileName(), e.getMessage(), e);
        }
    }

    private final class Listener implements SftpEventListener {
        @Override
        public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
            if (thrown == null && localHandle instanceof FileHandle handle
                    && handle.getOpenOptions().contains(java.nio.file.StandardOpenOption.WRITE)) {
                arrived(handle.getFile());
            }
        }

        @Override
        public void moved(ServerSession session, Path source, Path target, Collection<CopyOption> options,
                          Throwable thrown) {
            if (thrown == null) {
                arrived(target);
            }
        }
    }

    /** Moves a handled file out of inbound into {@code folder} (processed or failed) under the SFTP root. */
    static Path setAside(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        return Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
