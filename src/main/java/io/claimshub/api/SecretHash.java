package io.claimshub.api;

import io.claimshub.hashing.Sha256;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A password or API key as the users file keeps it: never the secret, only a salted hash.
 * <ul>
 *   <li>{@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in base64): PBKDF2-HMAC-SHA256
 *       from the JDK, {@value #ITERATIONS} iterations for every new hash (OWASP's figure for 2023+), so
 *       one guess costs about half a second of CPU instead of half a microsecond.</li>
 *   <li>{@code <salt hex>:<sha256 hex>}: one round of SHA-256 over the salt's hex text followed by the
 *       secret, what files written by hand before {@code claims-hub user} hold. Still accepted, but
 *       {@link #outdated()}: the hub re-hashes it at the next successful login.</li>
 * </ul>
 */
public final class SecretHash {

    /** Iterations of every hash the hub makes; fewer in a file marks the entry outdated. */
    public static final int ITERATIONS = 600_000;
    private static final String PBKDF2 = "pbkdf2-sha256";
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String encoded;
    private final int iterations;
    private final byte[] salt;
    private final byte[] digest;

    private SecretHash(String encoded, int iterations, byte[] salt, byte[] digest) {
        this.encoded = encoded;
        this.iterations = iterations;
        this.salt = salt;
        this.digest = digest;
    }

    /** Parses either form; throws with a message that never quotes the value. */
    public static SecretHash parse(String text) {
        String value = text.strip();
        if (value.startsWith(PBKDF2 + "$")) {
            String[] parts = value.split("\\$", -1);
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] digest = Base64.getDecoder().decode(parts[3]);
                if (parts.length != 4 || iterations < 1 || salt.length < 8 || digest.length != 32) {
                    throw new IllegalArgumentException();
                }
                return new SecretHash(value, iterations, salt, digest);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("a pbkdf2 hash must be " + PBKDF2
                        + "$<iterations>$<salt base64>$<32-byte hash base64>; make one with claims-hub user add");
            }
        }
        int colon = value.indexOf(':');
        if (colon < 8 || colon == value.length() - 1) {
            throw new IllegalArgumentException("a secret hash must be " + PBKDF2 + "$... (claims-hub user add) or the"
                    + " older <salt hex, 8 or more characters>:<sha256 hex>");
        }
        String hash = value.substring(colon + 1).strip();
        if (hash.length() != 64) {
            throw new IllegalArgumentException("the hash after ':' must be 64 hex digits (sha256sum output)");
        }
        try {
            return new SecretHash(value, 0, value.substring(0, colon).strip().getBytes(StandardCharsets.UTF_8),
                    HEX.parseHex(hash.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hash after ':' must be 64 hex digits (sha256sum output)");
        }
    }

    /** A new PBKDF2 hash with a random 16-byte salt, as a users file line wants it. */
    public static String create(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PBKDF2 + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(secret, salt, ITERATIONS));
    }

    /** Constant-time comparison: how long it takes does not tell how much of the secret was right. */
    public boolean matches(String secret) {
        byte[] computed = iterations == 0 ? sha256(salt, secret) : pbkdf2(secret, salt, iterations);
        return MessageDigest.isEqual(digest, computed);
    }

    /** One round of SHA-256, or PBKDF2 with fewer than {@value #ITERATIONS} iterations: to be hashed again. */
    public boolean outdated() {
        return iterations < ITERATIONS;
    }

    /** The hash as the users file writes it. */
    public String encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return iterations == 0 ? "one-round SHA-256" : PBKDF2 + " " + iterations;
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(byte[] saltText, String secret) {
        MessageDigest sha = Sha256.digest();
        sha.update(saltText);
        return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
    }
}
