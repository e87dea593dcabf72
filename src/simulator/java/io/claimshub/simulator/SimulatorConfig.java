package io.claimshub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.claimshub.config.ConfigException;
import io.claimshub.config.Durations;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The payer simulator's settings (docs/simulator.md, and config/simulator.yaml). Secrets are never in the
 * file: users name the environment variable that holds their password, or an authorized_keys file,
 * and the HTTP bearer token comes from an environment variable too.
 *
 * @param sftpPort   0 for any free port
 * @param httpPort   0 for any free port, null when there is no HTTP endpoint
 * @param sftpRoot   what SFTP users see as "/"; inbound and outbound are folders inside it
 * @param knownHostsFile where {@code simulate-payer} writes the host key's known_hosts line at start
 *                   ({@code sftp.knownHostsFile}), so a hub on the same machine can point at it; null: printed only
 */
public record SimulatorConfig(String bind, String payerName, String payerId, int sftpPort, Path hostKey,
                              Path sftpRoot, Path inbound, Path outbound, List<User> users, Integer httpPort,
                              String httpToken, SimulatorRules rules, Duration remitAfter, Path knownHostsFile) {

    public SimulatorConfig {
        users = List.copyOf(users);
    }

    /** Without a known_hosts file to write. */
    public SimulatorConfig(String bind, String payerName, String payerId, int sftpPort, Path hostKey,
                           Path sftpRoot, Path inbound, Path outbound, List<User> users, Integer httpPort,
                           String httpToken, SimulatorRules rules, Duration remitAfter) {
        this(bind, payerName, payerId, sftpPort, hostKey, sftpRoot, inbound, outbound, users, httpPort, httpToken,
                rules, remitAfter, null);
    }

    /** An SFTP login: a password (from the environment) or authorized public keys, or both. */
    public record User(String name, String password, Path authorizedKeys) {
        @Override
        public String toString() {
            return "User[" + name + "]";
        }
    }

    @Override
    public String toString() {
        return "SimulatorConfig[" + bind + ", sftp " + sftpPort + ", http " + httpPort + "]";
    }

    /**
     * @param env   the environment (System::getenv outside tests)
     * @param base  the folder relative paths resolve against
     * @throws ConfigException listing every problem, each naming the key
     */
    public static SimulatorConfig load(Path file, Function<String, String> env, Path base) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of(file + ": expected a YAML map with sftp, http, rules and timing"));
        }
        List<String> problems = new ArrayList<>();
        String name = file.getFileName().toString();
        JsonNode sftp = root.path("sftp");
        Path sftpRoot = base.resolve(text(sftp, "root", "data/payer-sim/sftp"));
        List<User> users = new ArrayList<>();
        for (JsonNode user : sftp.path("users")) {
            String userName = user.path("name").asText("");
            String password = null;
            if (user.hasNonNull("passwordEnv")) {
                password = env.apply(user.get("passwordEnv").asText());
                if (password == null || password.isEmpty()) {
                    problems.add(name + ": sftp.users '" + userName + "': environment variable "
                            + user.get("passwordEnv").asText() + " (passwordEnv) is not set");
                }
            }
            Path keys = user.hasNonNull("authorizedKeys") ? base.resolve(user.get("authorizedKeys").asText()) : null;
            if (userName.isEmpty() || !user.hasNonNull("passwordEnv") && keys == null) {
                problems.add(name + ": sftp.users: each user needs a name and passwordEnv or authorizedKeys");
            }
            users.add(new User(userName, password, keys));
        }
        if (users.isEmpty()) {
            problems.add(name + ": sftp.users: list at least one user (name with passwordEnv or authorizedKeys)");
        }
        Integer httpPort = null;
        String token = null;
        if (root.hasNonNull("http")) {
            JsonNode http = root.get("http");
            httpPort = integer(http, "port", 0, name + ": http.port", problems);
            String tokenEnv = text(http, "tokenEnv", "");
            token = tokenEnv.isEmpty() ? null : env.apply(tokenEnv);
            if (token == null || token.isEmpty()) {
                problems.add(name + ": http.tokenEnv: name an environment variable that holds the bearer token"
                        + (tokenEnv.isEmpty() ? "" : " (" + tokenEnv + " is not set)"));
            }
        }
        JsonNode rules = root.path("rules");
        SimulatorRules parsedRules = new SimulatorRules(
                pattern(rules, "rejectMemberIds", name, problems), pattern(rules, "rejectClaimIds", name, problems),
                decimal(rules, "denyOver", null, name, problems),
                decimal(rules, "paidShare", "0.8", name, problems),
                decimal(rules, "coinsuranceShare", "0", name, problems), text(rules, "denyReason", "96"));
        Duration remitAfter = Duration.ofSeconds(2);
        try {
            remitAfter = Durations.parse(text(root.path("timing"), "remitAfter", "2s"));
        } catch (IllegalArgumentException e) {
            problems.add(name + ": timing.remitAfter: " + e.getMessage());
        }
        int sftpPort = integer(sftp, "port", 2222, name + ": sftp.port", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        JsonNode payer = root.path("payer");
        return new SimulatorConfig(text(root, "bind", "127.0.0.1"), text(payer, "name", "SIMULATED PAYER"),
                text(payer, "id", "SIMPAYER"), sftpPort,
                base.resolve(text(sftp, "hostKey", "data/payer-sim/host-key.pem")), sftpRoot,
                sftpRoot.resolve(text(sftp, "inbound", "inbound")), sftpRoot.resolve(text(sftp, "outbound", "outbound")),
                users, httpPort, token, parsedRules, remitAfter,
                sftp.hasNonNull("knownHostsFile") ? base.resolve(sftp.get("knownHostsFile").asText()) : null);
    }

    private static String text(JsonNode node, String key, String fallback) {
        return node.hasNonNull(key) ? node.get(key).asText() : fallback;
    }

    private static Integer integer(JsonNode node, String key, int fallback, String where, List<String> problems) {
        String value = text(node, key, String.valueOf(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(where + ": '" + value + "' is not a port number (0..65535, 0 = any free port)");
        return fallback;
    }

    private static Pattern pattern(JsonNode node, String key, String name, List<String> problems) {
        if (!node.hasNonNull(key)) {
            return null;
        }
        try {
            return Pattern.compile(node.get(key).asText());
        } catch (PatternSyntaxException e) {
            problems.add(name + ": rules." + key + ": not a regular expression: " + e.getDescription());
            return null;
        }
    }

    private static BigDecimal decimal(JsonNode node, String key, String fallback, String name, List<String> problems) {
        String value = text(node, key, fallback);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.signum() >= 0 && (!key.endsWith("Share") || number.compareTo(BigDecimal.ONE) <= 0)) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + ": rules." + key + ": '" + value + "' is not "
                + (key.endsWith("Share") ? "a share between 0 and 1, like 0.8" : "an amount, like 5000.00"));
        return null;
    }
}
