package io.claimshub.delivery;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.claimshub.config.PayerConfig;
import io.claimshub.ledger.BatchLedger;
import io.claimshub.ledger.DeliveryLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.claimshub.delivery.DeliveryTestBed.FAST_RETRY;
import static io.claimshub.delivery.DeliveryTestBed.content;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS to a payer whose certificate only the payer's own trust store vouches for (made with keytool). */
class HttpsDeliveryTest {

    /** Certificates are made once for the class: keytool runs as a process, which is slow on a busy machine. */
    @TempDir
    static Path certs;

    @TempDir
    Path dir;

    private DeliveryTestBed bed;
    private HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void makeCertificates() throws Exception {
        Path serverStore = certs.resolve("payer.p12");
        keytool("-genkeypair", "-alias", "payer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", serverStore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "payer", "-keystore", serverStore.toString(), "-storepass", "changeit",
                "-file", certs.resolve("payer.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "payer", "-file", certs.resolve("payer.cer").toString(),
                "-keystore", certs.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "trustpw");
    }

    @BeforeEach
    void start() throws Exception {
        bed = new DeliveryTestBed(dir);
        Path serverStore = certs.resolve("payer.p12");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/claims", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        bed.close();
        server.stop(0);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    private PayerConfig payer(Path trustStore) {
        return DeliveryTestBed.payer("acme", new PayerConfig.Delivery.Http(
                "https://127.0.0.1:" + server.getAddress().getPort() + "/claims", null, trustStore,
                trustStore == null ? null : "TRUST_PASSWORD",
                new PayerConfig.Sending("{file}", Duration.ofSeconds(5), Duration.ofSeconds(5), FAST_RETRY)));
    }

    @Test
    void delivers_over_tls_when_the_payer_trust_store_holds_its_certificate() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(Map.of("TRUST_PASSWORD", "trustpw"),
                payer(certs.resolve("trust.p12"))), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DELIVERED);
        assertThat(requests).hasValue(1);
    }

    @Test
    void refuses_a_certificate_the_default_trust_store_does_not_know() throws Exception {
        BatchLedger.Batch batch = bed.writtenBatch("acme", content(100));

        DeliveryLedger.Delivery done = bed.runUntilFinal(bed.service(Map.of(), payer(null)), batch.id());

        assertThat(done.status()).isEqualTo(DeliveryLedger.DEAD);
        assertThat(done.lastError()).contains("HTTP exchange with payer acme URL failed: SSLHandshakeException");
        assertThat(requests).hasValue(0);
    }
}
