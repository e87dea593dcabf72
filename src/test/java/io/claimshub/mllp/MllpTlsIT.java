package io.claimshub.mllp;

import io.claimshub.ledger.ClaimQueries;
import io.claimshub.testing.Dft;
import io.claimshub.testing.HubHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static io.claimshub.mllp.MllpTestClient.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MLLP listener with TLS, over real sockets. The test key store holds a self-signed certificate for
 * 127.0.0.1 (src/test/resources/mllp/hub-test.p12, password in the test only); it serves both as the
 * hub's key and as the EHR's trust and client key.
 */
class MllpTlsIT {

    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir
    Path workDir;

    @Test
    void a_tls_feed_is_acknowledged_and_a_plain_tcp_client_gets_no_ack_and_no_claim() throws Exception {
        try (HubHarness hub = tlsHub(false)) {
            try (MllpTestClient client = new MllpTestClient(tlsSocket(hub.mllpPort(), false), 10_000)) {
                assertThat(code(client.send(Dft.message().controlId("TLS-1").clm01("TLS1").build()))).isEqualTo("AA");
            }
            try (MllpTestClient plain = new MllpTestClient(hub.mllpPort(), 3_000)) {
                assertThatThrownBy(() -> plain.send(Dft.message().controlId("PLAIN-1").clm01("PLAIN1").build()))
                        .isInstanceOf(IOException.class);
            }
            ClaimQueries ledger = hub.bean("claimQueries", ClaimQueries.class);
            assertThat(ledger.findByClm01("sunrise", "TLS1")).hasSize(1);
            assertThat(ledger.findByClm01("sunrise", "PLAIN1")).isEmpty();
        }
    }

    @Test
    void with_a_trust_store_the_listener_requires_a_client_certificate() throws Exception {
        try (HubHarness hub = tlsHub(true)) {
            try (MllpTestClient anonymous = new MllpTestClient(tlsSocket(hub.mllpPort(), false), 5_000)) {
                assertThatThrownBy(() -> anonymous.send(Dft.message().controlId("MTLS-0").clm01("MTLS0").build()))
                        .isInstanceOf(IOException.class);
            }
            try (MllpTestClient known = new MllpTestClient(tlsSocket(hub.mllpPort(), true), 10_000)) {
                assertThat(code(known.send(Dft.message().controlId("MTLS-1").clm01("MTLS1").build()))).isEqualTo("AA");
            }
            assertThat(hub.bean("claimQueries", ClaimQueries.class).findByClm01("sunrise", "MTLS0")).isEmpty();
        }
    }

    private HubHarness tlsHub(boolean requireClientCertificate) throws Exception {
        Path keyStore = workDir.resolve("hub.p12");
        try (InputStream in = MllpTlsIT.class.getResourceAsStream("/mllp/hub-test.p12")) {
            Files.copy(in, keyStore);
        }
        Files.writeString(workDir.resolve("keystore.password"), new String(PASSWORD) + "\n");
        HubHarness hub = new HubHarness(workDir).withConfig("e2e/config")
                .withProperty("claimshub.mllp.tls.key-store", "hub.p12")
                .withProperty("claimshub.mllp.tls.key-store-password-file", "keystore.password");
        if (requireClientCertificate) {
            hub.withProperty("claimshub.mllp.tls.trust-store", "hub.p12")
                    .withProperty("claimshub.mllp.tls.trust-store-password-file", "keystore.password");
        }
        return hub.start();
    }

    private static SSLSocket tlsSocket(int port, boolean presentCertificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = MllpTlsIT.class.getResourceAsStream("/mllp/hub-test.p12")) {
            store.load(in, PASSWORD);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(presentCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }
}
