package io.claimshub.hashing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash the hub uses to name and recognise content: claims (equal claims, equal
 * hashes), reply files (a file picked up twice is stored once) and the simulator's claim numbers.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for content that is read as a stream. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static byte[] of(byte[] content) {
        return digest().digest(content);
    }

    /** The 64 lower-case hex digits of the hash of {@code content}. */
    public static String hex(byte[] content) {
        return HexFormat.of().formatHex(of(content));
    }

    /** The 64 lower-case hex digits of the hash of {@code text} in UTF-8. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
