package io.claimshub.transport;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SftpException;
import io.claimshub.delivery.DeliveryException;
import io.claimshub.pickup.SftpLogin;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Turns what camel-ftp's sftp producer threw into the attempt's error, in words an operator can act on:
 * an unknown or changed host key, a refused login, a server that does not answer, or what the server
 * said about the file (JSch's {@link SftpException}, under camel-ftp's "Cannot store file"). Every one
 * of them is worth another attempt later.
 */
final class SftpFailures {

    private SftpFailures() {
    }

    static DeliveryException explain(Throwable failure, SftpLogin login, String directory) {
        String hostPort = login.host() + ":" + login.port();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JSchException jsch) {
                return DeliveryException.retryable(connectError(jsch, login, hostPort), failure);
            }
            if (t instanceof SftpException sftp) {
                return DeliveryException.retryable("SFTP " + describe(sftp) + " at " + hostPort + " (directory "
                        + directory + ")", failure);
            }
        }
        return DeliveryException.retryable("SFTP delivery to " + hostPort + " failed: " + failure.getMessage(), failure);
    }

    private static String connectError(JSchException e, SftpLogin login, String hostPort) {
        if (e instanceof JSchChangedHostKeyException) {
            return "host key of " + hostPort + " has CHANGED: it does not match the key in knownHostsFile "
                    + login.knownHostsFile() + "; refusing to connect (the server was re-keyed, or someone is in between:"
                    + " confirm the new key with the payer, then replace it in that file)";
        }
        if (e instanceof JSchUnknownHostKeyException) {
            return "host key of " + hostPort + " is unknown: it is not in knownHostsFile " + login.knownHostsFile()
                    + "; refusing to connect (get the key's fingerprint from the payer and add the key to that file)";
        }
        String message = String.valueOf(e.getMessage());
        if (message.toLowerCase(Locale.ROOT).startsWith("auth ")) {
            return "authentication failed for user " + login.username() + " at " + hostPort
                    + (login.privateKeyFile() != null ? " with privateKeyFile " + login.privateKeyFile()
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

    private static String describe(SftpException e) {
        return switch (e.id) {
            case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or directory";
            case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
            case ChannelSftp.SSH_FX_FAILURE -> "failure (" + e.getMessage() + ")";
            default -> "error " + e.id + " (" + e.getMessage() + ")";
        };
    }
}
