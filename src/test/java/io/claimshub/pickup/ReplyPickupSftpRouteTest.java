package io.claimshub.pickup;

import io.claimshub.testing.Fixtures;
import io.claimshub.testing.HubRouteTest;
import io.claimshub.testing.HubRoutes;
import io.claimshub.testing.SftpTestServer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/reply-pickup-sftp.camel.yaml on the running hub against a real SFTP server: a payer's reply is fetched,
 * stored and recorded by its sha256, removed from the server only then, and read by the reply flow.
 */
class ReplyPickupSftpRouteTest extends HubRouteTest {

    private static final String REPLY_999 = "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     "
            + "*261020*1200*^*00501*000000101*0*T*:~GS*FA*ACMEHP*SUNRISEHUB*20261020*1200*101*X*005010X231A1~"
            + "ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~AK9*A*1*1*1~SE*4*0001~GE*1*101~IEA*1*000000101~";

    private final Path keyFile;
    private final SftpTestServer payer;

    ReplyPickupSftpRouteTest() throws Exception {
        Path secrets = Files.createDirectories(Files.createTempDirectory(Path.of("target"), "ReplyPickupSftpRouteTest-keys-").toAbsolutePath());
        keyFile = secrets.resolve("acme_ed25519");
        PublicKey userKey = SftpTestServer.newUserKey(keyFile);
        payer = new SftpTestServer(secrets.resolve("sftp-root"), SftpTestServer.newHostKey(), userKey).start();
        Files.createDirectories(payer.root().resolve("outbound"));
    }

    @AfterEach
    void stopPayer() throws Exception {
        payer.close();
    }

    @Override
    protected Map<String, String> filesBeforeStart() {
        return Map.of("secrets/known_hosts", payer.knownHostsLine() + "\n");
    }

    @Override
    protected String payers(String yaml) {
        return yaml.replace("replies: { type: folder, path: data/payers/acme/outbound, every: 1m }", """
                replies:
                      type: sftp
                      host: 127.0.0.1
                      port: %d
                      username: %s
                      privateKeyFile: %s
                      knownHostsFile: secrets/known_hosts
                      directory: /outbound
                      every: 100ms""".formatted(payer.port(), SftpTestServer.USER, keyFile));
    }

    @Test
    void should_fetch_a_reply_store_it_and_only_then_remove_it_from_the_server() throws Exception {
        NotifyBuilder fetched = new NotifyBuilder(context).fromRoute(HubRoutes.PICKUP_TEMPLATE + "*").whenCompleted(1).create();

        Path remote = payer.put("outbound", "999_20261020.x12", REPLY_999);

        assertThat(fetched.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(remote));
        assertThat(Fixtures.files(path("data/replies/pickup/acme/received"))).singleElement()
                .satisfies(record -> assertThat(Fixtures.read(record)).contains("\"remoteName\" : \"999_20261020.x12\""));
        // the landed copy is then read like any reply: stored by the reply flow (PayerReplies)
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.files(path("data/replies/received/acme")).size() == 1);
        assertThat(Fixtures.read(Fixtures.files(path("data/replies/received/acme")).get(0))).isEqualTo(REPLY_999);
    }
}
