package io.claimshub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A salted SHA-256 hash of a password or API key, written {@code <salt hex>:<sha256 hex>} where the hash
 * is taken over the UTF-8 bytes of the salt's hex text followed by the secret, so that
 * {@code printf '%s%s' "$salt" "$secret" | sha256sum} makes the same value. One round of SHA-256 is
 * fast: secrets must be long random strings (e.g. {@code openssl rand -base64 24}), not words.
 */
public record SecretHash(String saltHex, byte[] digest) {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Parses {@code salt:hash}; throws with a message that never quotes the value. */
    public static SecretHash parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 8 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a secret hash must be <salt hex, 8 or more characters>:<sha256 hex>");
        }
        String salt = text.substring(0, colon).strip();
        String hash = text.substring(colon + 1).strip();
        if (hash.length() != 64) {
            throw new IllegalArgumentException("the hash after ':' must be 64 hex digits (sha256sum output)");
        }
        try {
            return new SecretHash(salt, HEX.parseHex(hash.toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hash after ':' must be 64 hex digits (sha256sum output)");
        }
    }

    /** A new hash with a random salt, as a users file line wants it. */
    public static String create(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HEX.formatHex(salt);
        return saltHex + ":" + HEX.formatHex(sha256(saltHex, secret));
    }

    /** Constant-time comparison: how long it takes does not tell how much of the secret was right. */
    public boolean matches(String secret) {
        return MessageDigest.isEqual(digest, sha256(saltHex, secret));
    }

    private static byte[] sha256(String saltHex, String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((saltHex + secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
