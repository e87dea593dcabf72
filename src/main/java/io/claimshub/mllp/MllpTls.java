package io.claimshub.mllp;

import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TLS for the MLLP listener, for feeds that leave the building. The key store (PKCS12 by default)
 * holds the hub's certificate and key; its password comes from a file or an environment variable,
 * never from the properties file. With a trust store, the listener also requires each EHR to present
 * a certificate that store trusts (mutual TLS). Only TLS 1.2 and 1.3 are offered.
 */
public final class MllpTls {

    /** The settings, as read from {@code claimshub.mllp.tls.*}; paths already resolved. */
    public record Settings(Path keyStore, String keyStoreType, String keyStorePasswordEnv, Path keyStorePasswordFile,
                           Path trustStore, String trustStorePasswordEnv, Path trustStorePasswordFile) {
    }

    private MllpTls() {
    }

    public static SSLContextParameters contextParameters(Settings settings) {
        if (!Files.isReadable(settings.keyStore())) {
            throw new IllegalStateException("claimshub.mllp.tls.key-store: cannot read " + settings.keyStore());
        }
        KeyStoreParameters keyStore = store(settings.keyStore(), settings.keyStoreType(),
                secret("claimshub.mllp.tls.key-store-password", settings.keyStorePasswordEnv(), settings.keyStorePasswordFile()));
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(keyStore.getPassword());

        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        SSLContextServerParameters server = new SSLContextServerParameters();
        if (settings.trustStore() != null) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(settings.trustStore(), settings.keyStoreType(),
                    secret("claimshub.mllp.tls.trust-store-password", settings.trustStorePasswordEnv(),
                            settings.trustStorePasswordFile())));
            parameters.setTrustManagers(trust);
            server.setClientAuthentication(ClientAuthentication.REQUIRE.name());
        }
        parameters.setServerParameters(server);
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        parameters.setSecureSocketProtocols(protocols);
        return parameters;
    }

    private static KeyStoreParameters store(Path path, String type, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + path.toAbsolutePath());
        store.setType(type == null || type.isBlank() ? "PKCS12" : type);
        store.setPassword(password);
        return store;
    }

    /** A password from a file (first line) or else an environment variable; empty when neither is set. */
    static String secret(String what, String env, Path file) {
        if (file != null) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new UncheckedIOException(what + "-file: cannot read " + file, e);
            }
        }
        if (env != null && !env.isBlank()) {
            String value = System.getenv(env);
            if (value == null) {
                throw new IllegalStateException(what + "-env: environment variable " + env + " is not set");
            }
            return value;
        }
        return "";
    }
}
