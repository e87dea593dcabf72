package io.claimshub.config;

import io.claimshub.claim.Address;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a payer's {@code delivery} (where 837 files go) and {@code replies} (where 999 / 277CA / 835
 * come from). An sftp {@code replies} takes the connection keys it does not give from an sftp
 * {@code delivery}, since most payers use one account for both directions.
 */
final class DeliveryReader {

    private static final Duration DEFAULT_REPLIES_EVERY = Duration.ofMinutes(5);
    private static final int DEFAULT_SFTP_PORT = 22;
    private static final List<String> CREDENTIALS = List.of("privateKeyFile", "passwordEnv", "passwordFile");
    private static final List<String> SFTP_KEYS = List.of("type", "host", "port", "username", "privateKeyFile",
            "passwordEnv", "passwordFile", "knownHostsFile", "directory");
    /** Sending options an sftp delivery takes besides its connection keys. */
    private static final List<String> SFTP_SENDING_KEYS = List.of("rename", "createDirectory", "fileName",
            "connectTimeout", "readTimeout", "retry");
    private static final List<String> HTTP_KEYS = List.of("type", "url", "auth", "fileName", "connectTimeout",
            "timeout", "retry", "trustStoreFile", "trustStorePasswordEnv");
    private static final List<String> FILE_NAME_PLACEHOLDERS = List.of("{file}", "{name}", "{payer}", "{isa13}",
            "{timestamp}");
    private static final int MOST_ATTEMPTS = 1000;
    private static final List<String> PAPER_KEYS = List.of("type", "folder", "mode", "offset", "address");
    private static final List<String> ADDRESS_KEYS = List.of("line1", "line2", "city", "state", "zip");
    /** Printer alignment beyond an inch is a wrong form in the tray, not an offset. */
    private static final int MOST_OFFSET = 10;
    private static final Pattern STATE = Pattern.compile("[A-Za-z]{2}");
    /** Claims addresses are often PO boxes with a 5-digit ZIP: both are fine on paper. */
    private static final Pattern ZIP = Pattern.compile("\\d{5}(-?\\d{4})?");

    private final Path workDir;

    DeliveryReader(Path workDir) {
        this.workDir = workDir;
    }

    PayerConfig.Delivery delivery(ConfigSection d) {
        String type = d.requiredText("type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "folder" -> {
                d.allowOnly(List.of("type", "path"));
                return new PayerConfig.Delivery.Folder(d.path("path", true, workDir));
            }
            case "sftp" -> {
                List<String> keys = new ArrayList<>(SFTP_KEYS);
                keys.addAll(SFTP_SENDING_KEYS);
                d.allowOnly(keys);
                SftpDirectory s = sftp(d, null);
                return new PayerConfig.Delivery.Sftp(s.account, s.directory, d.flag("rename", true),
                        d.flag("createDirectory", true), sending(d, "readTimeout"));
            }
            case "http" -> {
                d.allowOnly(HTTP_KEYS);
                String url = d.url("url", true);
                ConfigSection auth = d.optionalSection("auth");
                Path trustStore = d.path("trustStoreFile", false, workDir);
                String trustStorePassword = d.envName("trustStorePasswordEnv", false);
                if (trustStorePassword != null && trustStore == null) {
                    d.problem("trustStorePasswordEnv", "is given without trustStoreFile; name the trust store file too");
                }
                return new PayerConfig.Delivery.Http(url, auth == null ? null : auth(auth), trustStore,
                        trustStorePassword, sending(d, "timeout"));
            }
            case "paper" -> {
                d.allowOnly(PAPER_KEYS);
                return new PayerConfig.Delivery.Printed(d.path("folder", true, workDir), paper(d));
            }
            default -> {
                d.problem("type", "'" + type + "' is not a delivery type; use folder, sftp, http or paper");
                return null;
            }
        }
    }

    private static PayerConfig.Paper paper(ConfigSection d) {
        String modeText = d.optionalText("mode");
        PayerConfig.PaperMode mode = PayerConfig.PaperMode.DATA;
        if ("form".equals(modeText)) {
            mode = PayerConfig.PaperMode.FORM;
        } else if (modeText != null && !"data".equals(modeText)) {
            d.problem("mode", "'" + modeText + "' is not a paper mode; use data (text for the red-ink form in the"
                    + " printer) or form (text over a drawn form)");
        }
        int x = 0;
        int y = 0;
        ConfigSection offset = d.optionalSection("offset");
        if (offset != null) {
            offset.allowOnly(List.of("x", "y"));
            Integer givenX = offset.has("x") ? offset.integer("x", true, -MOST_OFFSET, MOST_OFFSET) : null;
            Integer givenY = offset.has("y") ? offset.integer("y", true, -MOST_OFFSET, MOST_OFFSET) : null;
            x = givenX == null ? 0 : givenX;
            y = givenY == null ? 0 : givenY;
        }
        ConfigSection address = d.requiredSection("address");
        return new PayerConfig.Paper(mode, x, y, address == null ? null : mailingAddress(address));
    }

    /** The payer's claims address: a PO box and a 5-digit ZIP are usual here, unlike a billing address. */
    private static Address mailingAddress(ConfigSection a) {
        a.allowOnly(ADDRESS_KEYS);
        String line1 = a.requiredText("line1");
        String line2 = a.optionalText("line2");
        String city = a.requiredText("city");
        String state = a.requiredText("state");
        if (state != null && !STATE.matcher(state).matches()) {
            a.problem("state", "'" + state + "' must be the 2-letter state code, like IL");
        }
        String zip = a.requiredText("zip");
        if (zip != null && !ZIP.matcher(zip).matches()) {
            a.problem("zip", "'" + zip + "' must be a 5-digit ZIP or a 9-digit ZIP+4, like 62701 or 627011234");
        }
        return new Address(line1, line2, city, state == null ? null : state.toUpperCase(Locale.ROOT),
                zip == null ? null : zip.replace("-", ""));
    }

    /** @param readTimeoutKey the key of the read timeout: readTimeout for sftp, timeout for http */
    private static PayerConfig.Sending sending(ConfigSection d, String readTimeoutKey) {
        return new PayerConfig.Sending(fileName(d),
                d.duration("connectTimeout", PayerConfig.Sending.DEFAULT_CONNECT_TIMEOUT),
                d.duration(readTimeoutKey, PayerConfig.Sending.DEFAULT_READ_TIMEOUT), retry(d));
    }

    /** The remote file name template; every {placeholder} must be one the hub fills in. */
    private static String fileName(ConfigSection d) {
        String template = d.optionalText("fileName");
        if (template == null) {
            return PayerConfig.Sending.DEFAULT_FILE_NAME;
        }
        String rest = template;
        for (String placeholder : FILE_NAME_PLACEHOLDERS) {
            rest = rest.replace(placeholder, "");
        }
        if (rest.contains("{") || rest.contains("}")) {
            d.problem("fileName", "'" + template + "' has an unknown placeholder; use "
                    + String.join(", ", FILE_NAME_PLACEHOLDERS));
            return PayerConfig.Sending.DEFAULT_FILE_NAME;
        }
        if (rest.contains("/") || rest.contains("\\") || template.startsWith(".")) {
            d.problem("fileName", "'" + template + "' must be a plain file name (no folders, not starting with a dot)");
            return PayerConfig.Sending.DEFAULT_FILE_NAME;
        }
        return template;
    }

    private static PayerConfig.Retry retry(ConfigSection d) {
        ConfigSection r = d.optionalSection("retry");
        PayerConfig.Retry defaults = PayerConfig.Retry.DEFAULT;
        if (r == null) {
            return defaults;
        }
        r.allowOnly(List.of("maxAttempts", "initialDelay", "maxDelay"));
        Integer maxAttempts = r.has("maxAttempts") ? r.integer("maxAttempts", true, 1, MOST_ATTEMPTS) : null;
        Duration initial = r.duration("initialDelay", defaults.initialDelay());
        Duration max = r.duration("maxDelay", defaults.maxDelay());
        if (max.compareTo(initial) < 0) {
            r.problem("maxDelay", "must not be shorter than initialDelay");
        }
        return new PayerConfig.Retry(maxAttempts == null ? defaults.maxAttempts() : maxAttempts, initial, max);
    }

    /** @param delivery the same payer's delivery, or null; an sftp one lends its connection keys */
    PayerConfig.Replies replies(ConfigSection r, PayerConfig.Delivery delivery) {
        String type = r.requiredText("type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "folder" -> {
                r.allowOnly(List.of("type", "path", "every"));
                return new PayerConfig.Replies.Folder(r.path("path", true, workDir),
                        r.duration("every", DEFAULT_REPLIES_EVERY));
            }
            case "sftp" -> {
                List<String> keys = new ArrayList<>(SFTP_KEYS);
                keys.add("every");
                r.allowOnly(keys);
                SftpDirectory s = sftp(r, delivery instanceof PayerConfig.Delivery.Sftp sftp ? sftp.account() : null);
                return new PayerConfig.Replies.Sftp(s.account, s.directory, r.duration("every", DEFAULT_REPLIES_EVERY));
            }
            case "http" -> {
                // The replies are the bodies of the delivery's HTTP responses: nothing to poll.
                r.allowOnly(List.of("type"));
                return new PayerConfig.Replies.InHttpResponses();
            }
            default -> {
                r.problem("type", "'" + type + "' is not a replies type; use folder, sftp or http");
                return null;
            }
        }
    }

    /** @param shared an sftp delivery's account whose keys fill in the ones {@code s} leaves out, or null */
    private SftpDirectory sftp(ConfigSection s, PayerConfig.SftpAccount shared) {
        String host = s.has("host") || shared == null ? s.requiredText("host") : shared.host();
        Integer port = s.has("port") ? s.integer("port", true, 1, 65535)
                : shared == null ? Integer.valueOf(PayerConfig.SftpAccount.DEFAULT_PORT) : Integer.valueOf(shared.port());
        String username = s.has("username") || shared == null ? s.requiredText("username") : shared.username();
        Path knownHosts = s.has("knownHostsFile") || shared == null
                ? s.path("knownHostsFile", true, workDir) : shared.knownHostsFile();
        String directory = s.requiredText("directory");

        List<String> given = CREDENTIALS.stream().filter(s::has).toList();
        // a bad port is already a problem of the section: the account is never used then
        int portNumber = port == null ? PayerConfig.SftpAccount.DEFAULT_PORT : port;
        if (given.isEmpty() && shared != null) {
            return new SftpDirectory(new PayerConfig.SftpAccount(host, portNumber, username, shared.privateKeyFile(),
                    shared.passwordEnv(), shared.passwordFile(), knownHosts), directory);
        }
        if (given.isEmpty()) {
            s.problem("needs one of privateKeyFile, passwordEnv or passwordFile to log in");
        } else if (given.size() > 1) {
            s.problem("gives " + String.join(" and ", given)
                    + "; give exactly one of privateKeyFile, passwordEnv or passwordFile");
        }
        return new SftpDirectory(new PayerConfig.SftpAccount(host, portNumber, username,
                s.path("privateKeyFile", false, workDir), s.envName("passwordEnv", false),
                s.path("passwordFile", false, workDir), knownHosts), directory);
    }

    private record SftpDirectory(PayerConfig.SftpAccount account, String directory) {
    }

    private static PayerConfig.Auth auth(ConfigSection a) {
        String type = a.requiredText("type");
        if ("bearer".equals(type)) {
            a.allowOnly(List.of("type", "tokenEnv"));
            return new PayerConfig.Auth.Bearer(a.envName("tokenEnv", true));
        }
        if ("basic".equals(type)) {
            a.allowOnly(List.of("type", "usernameEnv", "passwordEnv"));
            return new PayerConfig.Auth.Basic(a.envName("usernameEnv", true), a.envName("passwordEnv", true));
        }
        if (type != null) {
            a.problem("type", "'" + type + "' is not an auth type; use bearer (tokenEnv) or basic (usernameEnv, passwordEnv)");
        }
        return null;
    }
}
