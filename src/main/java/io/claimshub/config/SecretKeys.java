package io.claimshub.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds secrets written into a partner file. The files are shared, copied and committed; passwords,
 * tokens and private keys belong in environment variables or files that only the hub can read. The
 * secret itself is never repeated in a message.
 */
final class SecretKeys {

    private SecretKeys() {
    }

    /** Keys that hold a secret itself rather than its name: {@code password}, {@code apiToken}, but not {@code passwordEnv}. */
    static boolean looksLikeSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (k.endsWith("env") || k.endsWith("file")) {
            return false;
        }
        return k.contains("password") || k.contains("passwd") || k.contains("passphrase") || k.contains("secret")
                || k.contains("token") || k.contains("privatekey") || k.contains("apikey") || k.equals("pwd");
    }

    /** Adds a problem for every secret-looking key, and every inline private key, anywhere under {@code node}. */
    static void scan(JsonNode node, String where, String file, String path, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String keyPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (looksLikeSecret(field.getKey())) {
                    problems.add(where + ": key '" + keyPath + "': secrets never go in " + file + "; "
                            + instead(field.getKey()));
                }
                scan(field.getValue(), where, file, keyPath, problems);
            }
        } else if (node.isArray()) {
            node.forEach(item -> scan(item, where, file, path, problems));
        } else if (node.isTextual() && node.textValue().contains("-----BEGIN")) {
            problems.add(where + ": key '" + path + "': holds a private key itself; secrets never go in " + file
                    + "; save the key in a file and name it with 'privateKeyFile'");
        }
    }

    private static String instead(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (k.contains("privatekey")) {
            return "save the key in a file and name it with 'privateKeyFile'";
        }
        if (k.contains("token") || k.contains("apikey")) {
            return "name the environment variable that holds it with 'tokenEnv'";
        }
        return "name an environment variable with 'passwordEnv' or a file with 'passwordFile'";
    }
}
