package io.claimshub.config;

import io.claimshub.claim.Address;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One payer from payers.yaml (see docs/configuration.md). Paths are already resolved against the
 * hub's working directory. Secrets are never values here: only the names of environment variables
 * or the paths of files that hold them.
 *
 * @param timelyFilingDays        dates of service older than this many days are refused before sending
 * @param segmentSeparatorNewline a line break after each segment terminator (some receivers want one line)
 */
public record PayerConfig(
        String id,
        String name,
        String payerId,
        List<String> match,
        String claimFilingIndicator,
        Interchange interchange,
        Batch batch,
        Delivery delivery,
        Replies replies,
        Delimiters delimiters,
        int timelyFilingDays,
        boolean segmentSeparatorNewline) {

    /** Days after the date of service within which most commercial payers take a claim. */
    public static final int DEFAULT_TIMELY_FILING_DAYS = 365;

    public PayerConfig {
        match = match == null ? List.of() : List.copyOf(match);
    }

    /** A payer with the output options at their defaults: timely filing 365 days, no line breaks. */
    public PayerConfig(String id, String name, String payerId, List<String> match, String claimFilingIndicator,
                       Interchange interchange, Batch batch, Delivery delivery, Replies replies, Delimiters delimiters) {
        this(id, name, payerId, match, claimFilingIndicator, interchange, batch, delivery, replies, delimiters,
                DEFAULT_TIMELY_FILING_DAYS, false);
    }

    /**
     * ISA05/06, ISA07/08, ISA15 and GS02/GS03 (the application codes default to the interchange ids).
     */
    public record Interchange(
            String senderQualifier,
            String senderId,
            String receiverQualifier,
            String receiverId,
            String usage,
            String applicationSenderCode,
            String applicationReceiverCode) {
    }

    /** A file goes out when {@code maxClaims} claims are waiting or the oldest has waited {@code every}. */
    public record Batch(int maxClaims, Duration every) {
    }

    /**
     * Where 837 files go. {@code type} is folder (path), sftp (host, port, username, privateKeyFile or
     * passwordEnv/passwordFile, knownHostsFile, directory) or http (url, auth); sftp and http also take
     * the sending options (rename, createDirectory, fileName, timeouts, retry, http trust store), see
     * docs/operating.md, "Delivery to payers". A {@code paper} payer gets CMS-1500 PDFs in {@code path} (the
     * {@code folder} key) instead of 837 files, printed as {@code paper} says.
     */
    public record Delivery(
            String type,
            Path path,
            String host,
            Integer port,
            String username,
            Path privateKeyFile,
            String passwordEnv,
            Path passwordFile,
            Path knownHostsFile,
            String directory,
            String url,
            Auth auth,
            boolean rename,
            boolean createDirectory,
            String fileName,
            Duration connectTimeout,
            Duration readTimeout,
            Retry retry,
            Path trustStoreFile,
            String trustStorePasswordEnv,
            Paper paper) {

        /** {@code fileName} placeholder for the hub's own file name; the default template. */
        public static final String DEFAULT_FILE_NAME = "{file}";
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

        /** The settings every payer had before delivery options existed, each new option at its default. */
        public Delivery(String type, Path path, String host, Integer port, String username, Path privateKeyFile,
                        String passwordEnv, Path passwordFile, Path knownHostsFile, String directory, String url,
                        Auth auth) {
            this(type, path, host, port, username, privateKeyFile, passwordEnv, passwordFile, knownHostsFile,
                    directory, url, auth, true, true, DEFAULT_FILE_NAME, DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_READ_TIMEOUT, Retry.DEFAULT, null, null, null);
        }

        public boolean isPaper() {
            return paper != null;
        }
    }

    /**
     * How a paper payer's claims are printed on the CMS-1500 (02/12).
     *
     * @param offsetX        printer alignment, in 1/10 inch (one character column): positive moves right
     * @param offsetY        printer alignment, in 1/10 inch: positive moves down
     * @param mailingAddress the payer's claims address, printed in the carrier block at the top right
     */
    public record Paper(PaperMode mode, int offsetX, int offsetY, Address mailingAddress) {
    }

    /**
     * {@code DATA}: the text alone, for the payer's red-ink OCR forms in the printer; {@code FORM}: the text
     * over box outlines and labels the hub draws, for review and for payers that take plain-paper images.
     */
    public enum PaperMode { DATA, FORM }

    /** Attempts before a batch goes to the dead-letter area; waits grow from initialDelay up to maxDelay. */
    public record Retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        public static final Retry DEFAULT = new Retry(8, Duration.ofSeconds(30), Duration.ofMinutes(30));
    }

    /** HTTP credentials, by environment variable name only. type: bearer (tokenEnv) | basic (usernameEnv, passwordEnv). */
    public record Auth(String type, String tokenEnv, String usernameEnv, String passwordEnv) {
    }

    /** Where this payer's 999 / 277CA / 835 come from: sftp (same keys as delivery), folder (path) or http. */
    public record Replies(
            String type,
            Path path,
            String host,
            Integer port,
            String username,
            Path privateKeyFile,
            String passwordEnv,
            Path passwordFile,
            Path knownHostsFile,
            String directory,
            Duration every) {
    }

    /** X12 delimiters; the defaults are {@code * : ^ ~}. */
    public record Delimiters(char element, char component, char repetition, char segment) {
        public static final Delimiters DEFAULT = new Delimiters('*', ':', '^', '~');
    }
}
