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
     * Where 837 files go (payers.yaml {@code delivery}, see docs/operating.md, "Delivery to payers"): a
     * {@link Folder} the hub writes into, a {@link Remote} server the delivery service sends to
     * ({@link Sftp}, {@link Http}), or {@link Printed} CMS-1500 PDFs for a paper payer.
     */
    public sealed interface Delivery permits Delivery.Folder, Delivery.Printed, Delivery.Remote {

        /** {@code type: folder}: the final 837 file is written straight into {@code path}. */
        record Folder(Path path) implements Delivery {
        }

        /** {@code type: paper}: CMS-1500 PDFs in {@code folder} (the yaml key), printed as {@code paper} says. */
        record Printed(Path folder, Paper paper) implements Delivery {
        }

        /** A delivery the delivery service sends, with retries, from data/outgoing/. */
        sealed interface Remote extends Delivery permits Sftp, Http {
            Sending sending();
        }

        /**
         * {@code type: sftp}: upload into {@code directory}; {@code rename} writes a temporary name first,
         * {@code createDirectory} makes missing directories.
         */
        record Sftp(SftpAccount account, String directory, boolean rename, boolean createDirectory, Sending sending)
                implements Remote {
            /** The settings every sftp payer had before the sending options existed, each option at its default. */
            public Sftp(SftpAccount account, String directory) {
                this(account, directory, true, true, Sending.DEFAULT);
            }
        }

        /** {@code type: http}: POST to {@code url}; TLS trusts {@code trustStoreFile} when given, else the JVM's store. */
        record Http(String url, Auth auth, Path trustStoreFile, String trustStorePasswordEnv, Sending sending)
                implements Remote {
            public Http(String url, Auth auth) {
                this(url, auth, null, null, Sending.DEFAULT);
            }
        }
    }

    /**
     * How a remote delivery sends: the remote file name template, timeouts and retries.
     *
     * @param fileName the remote name, with {@code {file}}, {@code {name}}, {@code {payer}}, {@code {isa13}},
     *                 {@code {timestamp}} filled in
     */
    public record Sending(String fileName, Duration connectTimeout, Duration readTimeout, Retry retry) {
        /** {@code fileName} placeholder for the hub's own file name; the default template. */
        public static final String DEFAULT_FILE_NAME = "{file}";
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
        public static final Sending DEFAULT = new Sending(DEFAULT_FILE_NAME, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, Retry.DEFAULT);
    }

    /**
     * The login to a payer's SFTP server, the same for delivery and reply pickup (a replies section takes
     * the keys it leaves out from an sftp delivery). Secrets are names only: exactly one of
     * {@code privateKeyFile}, {@code passwordEnv} (a variable name) or {@code passwordFile} is set.
     */
    public record SftpAccount(String host, int port, String username, Path privateKeyFile, String passwordEnv,
                              Path passwordFile, Path knownHostsFile) {
        public static final int DEFAULT_PORT = 22;
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

    /** HTTP credentials, by environment variable name only. */
    public sealed interface Auth permits Auth.Bearer, Auth.Basic {

        /** {@code type: bearer}: {@code Authorization: Bearer <token>}. */
        record Bearer(String tokenEnv) implements Auth {
        }

        /** {@code type: basic}: {@code Authorization: Basic <user:password>}. */
        record Basic(String usernameEnv, String passwordEnv) implements Auth {
        }
    }

    /**
     * Where this payer's 999 / 277CA / 835 come from (payers.yaml {@code replies}): a {@link Folder} or an
     * {@link Sftp} directory polled {@code every} so often, or {@link InHttpResponses} of an http delivery.
     */
    public sealed interface Replies permits Replies.Folder, Replies.Sftp, Replies.InHttpResponses {

        record Folder(Path path, Duration every) implements Replies {
        }

        record Sftp(SftpAccount account, String directory, Duration every) implements Replies {
        }

        /** {@code type: http}: the replies are the bodies of the delivery's HTTP responses, nothing to poll. */
        record InHttpResponses() implements Replies {
        }
    }

    /** X12 delimiters; the defaults are {@code * : ^ ~}. */
    public record Delimiters(char element, char component, char repetition, char segment) {
        public static final Delimiters DEFAULT = new Delimiters('*', ':', '^', '~');

        /** The four in this order: element, component, repetition, segment. */
        public String characters() {
            return new String(new char[]{element, component, repetition, segment});
        }
    }
}
