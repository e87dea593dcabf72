package io.claimshub.e2e;

import io.claimshub.HubHarness;
import io.claimshub.simulator.PayerSimulator;
import io.claimshub.simulator.SimulatorConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The payer simulator on a free SFTP port and a hub whose payer acme delivers to it and fetches its replies
 * from it, for the tests that go all the way round through real sockets.
 */
public final class SimulatedPayer {

    private SimulatedPayer() {
    }

    /**
     * The simulator under {@code workDir/payer-sim}, user hub with {@code password}, the 835 1 s after the 277CA.
     *
     * @param rules the simulator's rules line, like {@code { denyOver: 1000.00, denyReason: "96", paidShare: 0.8,
     *              coinsuranceShare: 0 }}
     */
    public static PayerSimulator start(Path workDir, String password, String rules) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("payer-sim"));
        Path yaml = write(dir.resolve("simulator.yaml"), """
                bind: 127.0.0.1
                payer: { name: ACME HEALTH PLAN, id: "60054" }
                sftp:
                  port: 0
                  hostKey: host-key.pem
                  root: sftp
                  users:
                    - name: hub
                      passwordEnv: SIM_PASSWORD
                rules: %s
                timing: { remitAfter: 1s }
                """.formatted(rules));
        SimulatorConfig config = SimulatorConfig.load(yaml, Map.of("SIM_PASSWORD", password)::get, dir);
        return new PayerSimulator(config, Clock.systemUTC()).start();
    }

    /** A hub with this clinics.yaml and payer acme: 837s to the simulator's /inbound, replies from /outbound. */
    public static HubHarness hub(Path workDir, PayerSimulator simulator, String password, String clinicsYaml)
            throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Path secrets = Files.createDirectories(workDir.resolve("secrets"));
        write(secrets.resolve("acme.pw"), password + "\n");
        write(secrets.resolve("known_hosts"), simulator.knownHostsLine() + "\n");
        write(config.resolve("clinics.yaml"), clinicsYaml);
        write(config.resolve("payers.yaml"), """
                payers:
                  - id: acme
                    name: ACME HEALTH PLAN
                    payerId: "60054"
                    match: ["ACME", "60054"]
                    claimFilingIndicator: CI
                    interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ, receiverId: ACMEHP, usage: T }
                    batch: { maxClaims: 5000, every: 1s }
                    delivery:
                      type: sftp
                      host: 127.0.0.1
                      port: %d
                      username: hub
                      passwordFile: secrets/acme.pw
                      knownHostsFile: secrets/known_hosts
                      directory: /inbound
                      retry: { maxAttempts: 3, initialDelay: 200ms, maxDelay: 1s }
                    replies: { type: sftp, directory: /outbound, every: 1s }
                """.formatted(simulator.sftpPort()));
        return new HubHarness(workDir)
                .withProperty("claimshub.delivery.tick", "100")
                .withProperty("claimshub.notify.tick", "100")
                .withProperty("claimshub.replies.incoming-poll", "200ms")
                .withProperty("claimshub.replies.sftp.initial-delay", "100")
                .withProperty("claimshub.replies.sftp.connect-timeout", "5000")
                .withProperty("claimshub.replies.sftp.so-timeout", "5000")
                .withProperty("claimshub.replies.sftp.read-lock-min-age", "1")
                .withProperty("claimshub.replies.sftp.read-lock-check-interval", "50")
                .withProperty("claimshub.replies.sftp.read-lock-timeout", "5000");
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
