package io.claimshub.pickup;

import io.claimshub.testing.LogCapture;
import io.claimshub.testing.SshKeys;
import io.claimshub.testing.SftpTestServer;
import io.claimshub.testing.HubHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies fetched from a real SFTP server (MINA SSHD on a free loopback port) by the running hub:
 * stored before they are removed, stored once, never fetched from a server whose host key is not
 * known, never using a name the server made up.
 */
class SftpPickupIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REPLY_999 = "ISA*00*          *00*          *ZZ*ACMEHP         *ZZ*SUNRISEHUB     "
            + "*261020*1200*^*00501*000000101*0*T*:~GS*FA*ACMEHP*SUNRISEHUB*20261020*1200*101*X*005010X231A1~"
            + "ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~AK9*A*1*1*1~SE*4*0001~GE*1*101~IEA*1*000000101~";

    @TempDir
    Path workDir;
    @TempDir
    Path serverRoot;

    /** The key the hub logs in with (the JDK's Ed25519, written the way ssh-keygen writes it). */
    private final KeyPair userKey = SshKeys.ed25519();
    private SftpTestServer server;
    private HubHarness hub;
    private LogCapture log;

    @BeforeEach
    void startServer() throws IOException {
        // an Ed25519 host key (MINA signs only with its own Ed25519 types, from Bouncy Castle) and a password
        // with characters a URI must escape
        server = new SftpTestServer(serverRoot, SshKeys.ed25519(new org.bouncycastle.jce.provider.BouncyCastleProvider()),
                userKey.getPublic()).withPassword("s3cr)et+&%pa#ss?x=1").start();
        Files.createDirectories(serverRoot.resolve("outbound"));
        log = new LogCapture();
    }

    @AfterEach
    void stopAll() throws IOException {
        if (hub != null) {
            hub.close();
        }
        log.close();
        server.close();
    }

    @Test
    void a_reply_is_removed_from_the_server_only_after_it_is_stored_and_recorded() throws Exception {
        Path remote = server.put("outbound", "999_20261020.x12", REPLY_999);
        // the landing folder cannot be created: the reply must stay on the server
        Path incoming = workDir.resolve("data/replies/incoming/acme");
        Files.createDirectories(incoming.getParent());
        Files.writeString(incoming, "in the way");
        startHub(keyLogin(knownHosts()));

        await().atMost(WAIT).until(() -> counts().failedFiles() >= 2);
        assertThat(remote).exists();
        assertThat(log.text()).contains("reply pickup acme: \"999_20261020.x12\" was not stored",
                "it stays on the server and is fetched again at the next poll");

        Files.delete(incoming);
        await().atMost(WAIT).until(() -> !Files.exists(remote));
        List<Path> landed = files(incoming);
        assertThat(landed).hasSize(1);
        Path file = landed.get(0);
        assertThat(file.getFileName().toString()).matches("\\d{8}T\\d{9}Z-[0-9a-f]{16}\\.x12");
        assertThat(Files.readString(file)).isEqualTo(REPLY_999);
        String sha = sha256(REPLY_999);
        assertThat(file.getFileName().toString()).endsWith("-" + sha.substring(0, 16) + ".x12");
        String record = Files.readString(workDir.resolve("data/replies/pickup/acme/received/" + sha + ".json"));
        assertThat(record).contains("\"remoteName\" : \"999_20261020.x12\"", "\"file\" : \"" + file.getFileName() + "\"",
                "\"size\" : " + REPLY_999.length(), "\"sha256\" : \"" + sha + "\"");
        assertThat(files(workDir.resolve("data/replies/pickup/acme/tmp"))).isEmpty();
        assertThat(counts().landed()).isEqualTo(1);
    }

    @Test
    void the_same_content_fetched_twice_is_stored_once_and_removed_both_times() throws Exception {
        startHub(keyLogin(knownHosts()));
        Path first = server.put("outbound", "999-a.x12", REPLY_999);
        await().atMost(WAIT).until(() -> !Files.exists(first));
        Path again = server.put("outbound", "999-a-resent.x12", REPLY_999);
        await().atMost(WAIT).until(() -> !Files.exists(again));
        Path other = server.put("outbound", "277ca.x12", REPLY_999.replace("000000101", "000000102"));
        await().atMost(WAIT).until(() -> !Files.exists(other));

        assertThat(files(workDir.resolve("data/replies/incoming/acme"))).hasSize(2);
        assertThat(counts().landed()).isEqualTo(2);
        assertThat(counts().duplicates()).isEqualTo(1);
        assertThat(log.text()).contains("\"999-a-resent.x12\" (" + REPLY_999.length() + " bytes, sha256 "
                + sha256(REPLY_999) + ") was picked up before as ");
    }

    @Test
    void a_server_whose_host_key_is_unknown_is_refused_and_nothing_is_fetched() throws Exception {
        Path remote = server.put("outbound", "999.x12", REPLY_999);
        // known_hosts knows another server only
        Path knownHosts = write("known_hosts", SshKeys.knownHostsLine("127.0.0.1", server.port() + 1,
                server.hostKey().getPublic()) + "\n");
        startHub(keyLogin(knownHosts));

        await().atMost(WAIT).until(() -> counts().failedPolls() >= 2);
        assertThat(remote).exists();
        assertThat(workDir.resolve("data/replies/incoming/acme")).doesNotExist();
        assertThat(log.text()).contains("WARN PickupPollStrategy reply pickup acme: nothing picked up from sunrise@127.0.0.1:"
                + server.port() + ": the server's host key is not in " + knownHosts,
                "ssh-keyscan -t ed25519 -p " + server.port() + " 127.0.0.1 >> " + knownHosts);
        // one line, not one per poll, and not Camel's own with the endpoint URI and a stack trace
        assertThat(log.text().lines().filter(l -> l.contains("host key is not in"))).hasSize(1);
        assertThat(log.text()).doesNotContain("Failed polling endpoint");
    }

    @Test
    void a_server_whose_host_key_changed_is_refused() throws Exception {
        Path remote = server.put("outbound", "999.x12", REPLY_999);
        Path knownHosts = write("known_hosts", SshKeys.knownHostsLine("127.0.0.1", server.port(),
                SshKeys.ed25519().getPublic()) + "\n");
        startHub(keyLogin(knownHosts));

        await().atMost(WAIT).until(() -> counts().failedPolls() >= 1);
        assertThat(remote).exists();
        // the failure is counted before it is logged: wait for the line, not only the count
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(log.text()).contains("the server's host key is not the one in " + knownHosts));
    }

    @Test
    void a_password_from_a_file_logs_in_and_a_wrong_one_is_refused() throws Exception {
        Path remote = server.put("outbound", "835.x12", REPLY_999);
        Path passwordFile = write("acme.password", "not-" + server.password() + "\n");
        startHub(passwordLogin(knownHosts(), passwordFile));

        await().atMost(WAIT).until(() -> counts().failedPolls() >= 1);
        assertThat(remote).exists();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(log.text()).contains("the server refused the login of 'sunrise' with the password"));
        hub.close();

        Files.writeString(passwordFile, server.password() + "\n");
        startHub(passwordLogin(knownHosts(), passwordFile));
        await().atMost(WAIT).until(() -> !Files.exists(remote));
        assertThat(files(workDir.resolve("data/replies/incoming/acme"))).hasSize(1);
        assertThat(log.text()).doesNotContain(server.password());
    }

    @Test
    void names_a_hostile_server_lists_are_never_used_and_the_good_files_beside_them_are_fetched() throws Exception {
        // the file a path traversal would fetch and delete: outside the polled directory
        Path outside = server.put("", "evil.x12", "NOT FOR THE HUB");
        // (names starting with '.' Camel skips by itself, as hidden files; these do not)
        List<String> hostile = List.of("x/../../evil.x12", "x\\..\\..\\evil.x12", "/evil.x12",
                "evil\n.x12", "evil\u202Egood.x12", "C:evil.x12", "evil\u0000.x12", "../evil.x12");
        for (int i = 0; i < hostile.size(); i++) {
            server.put("outbound", "bad" + i + ".x12", "BAD " + i);
            server.listAs("bad" + i + ".x12", hostile.get(i));
        }
        Path good1 = server.put("outbound", "good1.x12", REPLY_999);
        // a legal name that looks like a Camel expression: used as data, never evaluated
        Path good2 = server.put("outbound", "${sys:user.home}-good2.x12", REPLY_999.replace("000000101", "000000103"));
        startHub(keyLogin(knownHosts()));

        await().atMost(WAIT).until(() -> !Files.exists(good1) && !Files.exists(good2));
        await().atMost(WAIT).until(() -> counts().unsafeNames() >= 2L * (hostile.size() - 1));

        assertThat(outside).exists().hasContent("NOT FOR THE HUB");
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(serverRoot.resolve("outbound/bad" + i + ".x12")).exists();
        }
        assertThat(files(workDir.resolve("data/replies/incoming/acme"))).hasSize(2)
                .allSatisfy(f -> assertThat(Files.readString(f)).startsWith("ISA"));
        try (Stream<Path> everything = Files.walk(workDir)) {
            assertThat(everything.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(p -> p.contains("evil"))
                    .allMatch(p -> !p.startsWith(workDir.resolve("data/replies").toString())
                            || p.startsWith(workDir.resolve("data/replies/incoming/acme").toString())
                            || p.startsWith(workDir.resolve("data/replies/pickup/acme/received").toString()));
        }
        String good2Sha = sha256(REPLY_999.replace("000000101", "000000103"));
        assertThat(workDir.resolve("data/replies/pickup/acme/received/" + good2Sha + ".json"))
                .content().contains("\"remoteName\" : \"${sys:user.home}-good2.x12\"");
        String text = log.text();
        assertThat(text).contains("WARN SafeRemoteNameFilter reply pickup acme: skipped remote file \"x/../../evil.x12\":"
                        + " it contains '/', a path separator; it is left on the server",
                "skipped remote file \"x\\\\..\\\\..\\\\evil.x12\": it contains '\\', a Windows path separator",
                "skipped remote file \"/evil.x12\": it is an absolute path",
                "skipped remote file \"evil\\u000a.x12\": it contains the control or format character U+000A",
                "skipped remote file \"evil\\u202egood.x12\": it contains the control or format character U+202E",
                "skipped remote file \"C:evil.x12\": it starts with a drive letter ('C:')",
                "skipped remote file \"evil\\u0000.x12\"");
        assertThat(text).doesNotContain("\u202E", "\u0000", "evil\n");
        // each refused name is logged once, however often it is listed
        assertThat(text.lines().filter(l -> l.contains("skipped remote file \"x/../../evil.x12\""))).hasSize(1);
    }

    @Test
    void with_a_done_directory_a_fetched_reply_is_moved_there_instead_of_deleted() throws Exception {
        Path remote = server.put("outbound", "999.x12", REPLY_999);
        hubProperty("claimshub.replies.sftp.done-directory", ".done");
        startHub(keyLogin(knownHosts()));

        await().atMost(WAIT).until(() -> !Files.exists(remote));
        assertThat(files(serverRoot.resolve("outbound/.done"))).singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).matches("\\d{8}T\\d{9}-999\\.x12"));
        assertThat(files(workDir.resolve("data/replies/incoming/acme"))).hasSize(1);
        // the .done folder is not polled again
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> counts().landed() == 1 && counts().duplicates() == 0);
    }

    // ---- set-up

    private final java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();

    private void hubProperty(String key, String value) {
        properties.put(key, value);
    }

    private void startHub(String repliesYaml) throws Exception {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.copy(Path.of("src/test/resources/e2e/config/clinics.yaml"), config.resolve("clinics.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(config.resolve("payers.yaml"), """
                payers:
                  - id: acme
                    name: ACME HEALTH PLAN
                    payerId: "60054"
                    match: ["ACME", "60054"]
                    claimFilingIndicator: CI
                    interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ, receiverId: ACMEHP, usage: T }
                    batch: { maxClaims: 5000, every: 1h }
                    delivery: { type: folder, path: data/payers/acme/inbound }
                """ + repliesYaml);
        hub = new HubHarness(workDir)
                // landed files stay where the pickup put them: these tests look at the pickup alone
                .withProperty("claimshub.replies.incoming-poll", "1h")
                .withProperty("claimshub.replies.sftp.initial-delay", "50")
                .withProperty("claimshub.replies.sftp.connect-timeout", "5000")
                .withProperty("claimshub.replies.sftp.so-timeout", "5000")
                .withProperty("claimshub.replies.sftp.reconnect-attempts", "0")
                .withProperty("claimshub.replies.sftp.read-lock-min-age", "1")
                .withProperty("claimshub.replies.sftp.read-lock-check-interval", "50")
                .withProperty("claimshub.replies.sftp.read-lock-timeout", "5000");
        properties.forEach(hub::withProperty);
        hub.start();
    }

    private String keyLogin(Path knownHosts) {
        Path key = workDir.resolve("secrets/acme_ed25519");
        if (!Files.exists(key)) {
            write("acme_ed25519", "");
            SshKeys.writeOpenSshPrivateKey(userKey, key);
        }
        return replies(knownHosts, "privateKeyFile: " + key);
    }

    private String passwordLogin(Path knownHosts, Path passwordFile) {
        return replies(knownHosts, "passwordFile: " + passwordFile);
    }

    private String replies(Path knownHosts, String credential) {
        return """
                    replies:
                      type: sftp
                      host: 127.0.0.1
                      port: %d
                      username: %s
                      %s
                      knownHostsFile: %s
                      directory: /outbound
                      every: 100ms
                """.formatted(server.port(), SftpTestServer.USER, credential, knownHosts);
    }

    private Path knownHosts() {
        return write("known_hosts", SshKeys.knownHostsLine("127.0.0.1", server.port(), server.hostKey().getPublic()) + "\n");
    }

    private Path write(String name, String content) {
        try {
            Path file = Files.createDirectories(workDir.resolve("secrets")).resolve(name);
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PickupCounters.Counts counts() {
        return hub.bean("replyPickupCounters", PickupCounters.class).of("acme");
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
