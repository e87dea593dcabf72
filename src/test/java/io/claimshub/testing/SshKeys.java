package io.claimshub.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/** Ed25519 keys made with the JDK, written the way OpenSSH writes them (known_hosts lines, openssh-key-v1 files). */
public final class SshKeys {

    private SshKeys() {
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519(java.security.Provider provider) {
        try {
            return KeyPairGenerator.getInstance("Ed25519", provider).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key: the end of its X.509 encoding. */
    public static byte[] rawPublic(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** "ssh-ed25519 AAAA…", as in authorized_keys and known_hosts. */
    public static String publicKeyLine(PublicKey key) {
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob(key));
    }

    /** The known_hosts line ssh-keyscan prints for a server on a non-standard port. */
    public static String knownHostsLine(String host, int port, PublicKey key) {
        return (port == 22 ? host : "[" + host + "]:" + port) + " " + publicKeyLine(key);
    }

    /** An unencrypted OpenSSH private key file, as ssh-keygen -t ed25519 -N '' writes it. */
    public static void writeOpenSshPrivateKey(KeyPair pair, Path file) {
        try {
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            byte[] pub = rawPublic(pair.getPublic());
            ByteArrayOutputStream privateSection = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(privateSection);
            int check = new SecureRandom().nextInt();
            p.writeInt(check);
            p.writeInt(check);
            string(p, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            string(p, pub);
            byte[] secret = new byte[64];
            System.arraycopy(seed, 0, secret, 0, 32);
            System.arraycopy(pub, 0, secret, 32, 32);
            string(p, secret);
            string(p, "claims-hub test".getBytes(StandardCharsets.US_ASCII));
            for (int pad = 1; privateSection.size() % 8 != 0; pad++) {
                p.writeByte(pad);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(all);
            out.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII));
            string(out, new byte[0]);
            out.writeInt(1);
            string(out, publicBlob(pair.getPublic()));
            string(out, privateSection.toByteArray());
            String base64 = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(all.toByteArray());
            Files.writeString(file, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + base64
                    + "\n-----END OPENSSH PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] publicBlob(PublicKey key) {
        try {
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            string(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            string(out, rawPublic(key));
            return blob.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
