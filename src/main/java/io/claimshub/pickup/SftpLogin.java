package io.claimshub.pickup;

import io.claimshub.config.PayerConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How the hub logs in to one payer's SFTP server, for replies and for delivery: a private key file, or a
 * password read from the environment variable or file that payers.yaml names. Replies check it when the
 * hub starts, so a missing key, password or known_hosts file stops it with the file or variable to fix
 * instead of failing every poll; delivery checks it before its first upload and records what to fix as
 * the attempt's error. No Camel here.
 *
 * @param password the password, or null with a private key; never logged ({@link #toString()} hides it)
 */
public record SftpLogin(String host, int port, String username, Path privateKeyFile, String password,
                        Path knownHostsFile, String directory) {

    /** The login of a payer's {@code replies}. @throws IllegalStateException naming the payer and what to fix */
    public static SftpLogin of(String payerId, PayerConfig.SftpAccount replies, String directory,
                               Function<String, String> environment) {
        return checked("payer '" + payerId + "' replies", replies, directory, environment);
    }

    /** The login of a payer's {@code delivery}. @throws IllegalStateException naming the payer and what to fix */
    public static SftpLogin forDelivery(String payerId, PayerConfig.SftpAccount delivery, String directory,
                                             Function<String, String> environment) {
        return checked("payer '" + payerId + "' delivery", delivery, directory, environment);
    }

    private static SftpLogin checked(String where, PayerConfig.SftpAccount account, String directory,
                                     Function<String, String> environment) {
        Path knownHosts = account.knownHostsFile();
        if (knownHosts == null || !Files.isRegularFile(knownHosts) || !Files.isReadable(knownHosts)) {
            throw new IllegalStateException(where + ": knownHostsFile " + knownHosts + " is not a readable file;"
                    + " the server's host key must be in it (ssh-keyscan -t ed25519 -p " + account.port() + " "
                    + account.host() + " >> " + knownHosts + ", after checking the fingerprint with the payer)");
        }
        String password = null;
        if (account.privateKeyFile() != null) {
            if (!Files.isRegularFile(account.privateKeyFile()) || !Files.isReadable(account.privateKeyFile())) {
                throw new IllegalStateException(where + ": privateKeyFile " + account.privateKeyFile()
                        + " is not a readable file");
            }
        } else if (account.passwordEnv() != null) {
            password = environment.apply(account.passwordEnv());
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException(where + ": the environment variable " + account.passwordEnv()
                        + " (passwordEnv) is not set or empty");
            }
        } else if (account.passwordFile() != null) {
            password = readPassword(where, account.passwordFile());
        } else {
            throw new IllegalStateException(where + ": needs one of privateKeyFile, passwordEnv or passwordFile");
        }
        return new SftpLogin(account.host(), account.port(), account.username(),
                account.privateKeyFile(), password, knownHosts, directory);
    }

    private static String readPassword(String where, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // editors and `echo pw > file` add a line end; it is not part of the password
            String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (password.isEmpty()) {
                throw new IllegalStateException(where + ": passwordFile " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot read passwordFile " + file + ": " + e.getMessage(), e);
        }
    }

    /** The SSH authentication method to offer: only the one configured, so a key login never falls back to a password prompt. */
    public String authentication() {
        return privateKeyFile != null ? "publickey" : "password,keyboard-interactive";
    }

    @Override
    public String toString() {
        return "SftpLogin[" + username + "@" + host + ":" + port + " " + directory
                + (privateKeyFile != null ? ", key " + privateKeyFile : ", password") + "]";
    }
}
