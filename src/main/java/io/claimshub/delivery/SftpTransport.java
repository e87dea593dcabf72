package io.claimshub.delivery;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import io.claimshub.config.PayerConfig;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Uploads batch files to one payer's SFTP server (JSch, the client camel-ftp uses). The host key must
 * be in the payer's knownHostsFile (StrictHostKeyChecking=yes, always): an unknown or changed key
 * refuses the connection. One connection is kept and reused across files; a reused one that turns
 * out broken is replaced once within the same attempt.
 * <p>
 * With {@code rename: true} a file is written as {@code .<name>.part} and renamed when complete, so
 * the payer never picks up half a file and a resumed attempt can tell a completed upload (the final
 * name exists) from an interrupted one. With {@code rename: false} the final name is written directly
 * and a resumed attempt sends the whole file again.
 */
final class SftpTransport implements Transport {

    private final PayerConfig payer;
    private final PayerConfig.Delivery.Sftp delivery;
    private final PayerConfig.SftpAccount account;
    private final Secrets secrets;
    private Session session;
    private ChannelSftp channel;

    SftpTransport(PayerConfig payer, PayerConfig.Delivery.Sftp delivery, Secrets secrets) {
        this.payer = payer;
        this.delivery = delivery;
        this.account = delivery.account();
        this.secrets = secrets;
    }

    @Override
    public Sent send(Path file, String remoteName, boolean resumed) throws DeliveryException {
        boolean reused = channel != null && session.isConnected() && channel.isConnected();
        try {
            return upload(file, remoteName, resumed);
        } catch (DeliveryException e) {
            close();
            if (!reused || !e.retryable()) {
                throw e;
            }
            // The kept connection went stale (the server closed it while idle): one fresh try.
            try {
                return upload(file, remoteName, true);
            } catch (DeliveryException again) {
                close();
                throw again;
            }
        }
    }

    private Sent upload(Path file, String remoteName, boolean resumed) throws DeliveryException {
        ChannelSftp sftp = channel();
        String directory = delivery.directory();
        String target = join(directory, remoteName);
        String where = "sftp://" + account.host() + ":" + account.port() + target;
        try {
            if (resumed && delivery.rename() && exists(sftp, target)) {
                return new Sent(where, "already complete on the server (an earlier attempt renamed it)", null);
            }
            if (delivery.createDirectory()) {
                createDirectories(sftp, directory);
            }
            if (delivery.rename()) {
                String temp = join(directory, "." + remoteName + ".part");
                sftp.put(file.toString(), temp, ChannelSftp.OVERWRITE);
                if (exists(sftp, target)) {
                    sftp.rm(target); // an operator's redeliver of a file the payer already has
                }
                sftp.rename(temp, target);
                return new Sent(where, "uploaded as " + temp + " and renamed", null);
            }
            sftp.put(file.toString(), target, ChannelSftp.OVERWRITE);
            return new Sent(where, "uploaded directly", null);
        } catch (SftpException e) {
            throw DeliveryException.retryable("SFTP " + describe(e) + " at " + account.host() + ":" + account.port()
                    + " (directory " + directory + ")", e);
        }
    }

    private ChannelSftp channel() throws DeliveryException {
        if (channel != null && session.isConnected() && channel.isConnected()) {
            return channel;
        }
        close();
        String hostPort = account.host() + ":" + account.port();
        Path knownHosts = account.knownHostsFile();
        if (knownHosts == null || !Files.isRegularFile(knownHosts)) {
            throw DeliveryException.retryable("knownHostsFile " + knownHosts + " does not exist: refusing to connect to "
                    + hostPort + " without a known host key", (Throwable) null);
        }
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(knownHosts.toString());
            String methods;
            if (account.privateKeyFile() != null) {
                if (!Files.isReadable(account.privateKeyFile())) {
                    throw DeliveryException.retryable("privateKeyFile " + account.privateKeyFile()
                            + " cannot be read", (Throwable) null);
                }
                jsch.addIdentity(account.privateKeyFile().toString());
                methods = "publickey";
            } else {
                methods = "password,keyboard-interactive";
            }
            Session s = jsch.getSession(account.username(), account.host(), account.port());
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("PreferredAuthentications", methods);
            if (account.privateKeyFile() == null) {
                s.setPassword(account.passwordEnv() != null
                        ? secrets.fromEnv(account.passwordEnv(), "SFTP password of payer " + payer.id())
                        : Secrets.fromFile(account.passwordFile(), "SFTP password"));
            }
            s.setTimeout((int) delivery.sending().readTimeout().toMillis());
            s.setServerAliveInterval((int) Math.min(delivery.sending().readTimeout().toMillis(), 30_000));
            session = s;
            s.connect((int) delivery.sending().connectTimeout().toMillis());
            ChannelSftp c = (ChannelSftp) s.openChannel("sftp");
            c.connect((int) delivery.sending().connectTimeout().toMillis());
            channel = c;
            return c;
        } catch (JSchException e) {
            close();
            throw DeliveryException.retryable(connectError(e, hostPort, knownHosts), e);
        }
    }

    private String connectError(JSchException e, String hostPort, Path knownHosts) {
        if (e instanceof JSchChangedHostKeyException) {
            return "host key of " + hostPort + " has CHANGED: it does not match the key in knownHostsFile " + knownHosts
                    + "; refusing to connect (the server was re-keyed, or someone is in between: confirm the new"
                    + " key with the payer, then replace it in that file)";
        }
        if (e instanceof JSchUnknownHostKeyException) {
            return "host key of " + hostPort + " is unknown: it is not in knownHostsFile " + knownHosts
                    + "; refusing to connect (get the key's fingerprint from the payer and add the key to that file)";
        }
        String message = String.valueOf(e.getMessage());
        if (message.toLowerCase(Locale.ROOT).startsWith("auth ")) {
            return "authentication failed for user " + account.username() + " at " + hostPort
                    + (account.privateKeyFile() != null ? " with privateKeyFile " + account.privateKeyFile()
                    : " with the configured password") + ": the server refused the credentials";
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException) {
            return "cannot connect to " + hostPort + ": " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException || message.contains("timeout")) {
            return "no answer from " + hostPort + " within the timeout (" + message + ")";
        }
        return "SFTP connection to " + hostPort + " failed: " + message;
    }

    private static boolean exists(ChannelSftp sftp, String path) throws SftpException {
        try {
            SftpATTRS attrs = sftp.stat(path);
            return attrs != null;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private static void createDirectories(ChannelSftp sftp, String directory) throws SftpException {
        if (directory == null || directory.isEmpty() || directory.equals("/") || directory.equals(".")) {
            return;
        }
        StringBuilder path = new StringBuilder(directory.startsWith("/") ? "/" : "");
        for (String part : directory.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(part);
            if (!exists(sftp, path.toString())) {
                sftp.mkdir(path.toString());
            }
            path.append('/');
        }
    }

    private static String join(String directory, String name) {
        if (directory == null || directory.isEmpty()) {
            return name;
        }
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    private static String describe(SftpException e) {
        return switch (e.id) {
            case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or directory";
            case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
            case ChannelSftp.SSH_FX_FAILURE -> "failure (" + e.getMessage() + ")";
            default -> "error " + e.id + " (" + e.getMessage() + ")";
        };
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
            channel = null;
        }
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }
}
