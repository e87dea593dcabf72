package io.claimshub.testing;

import io.claimshub.simulator.PayerSimulator;
import io.claimshub.simulator.SimulatorConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Payer simulators for round trips over SFTP: one started on a free port, the payers.yaml entry that
 * reaches it, and the hub settings that poll it quickly.
 */
public final class SimulatorPayers {

    private static final String PASSWORD_ENV = "SIM_PASSWORD";

    private SimulatorPayers() {
    }

    /**
     * One payers.yaml entry (indented for the {@code payers:} list): 837s to the simulator's /inbound,
     * replies from its /outbound, user {@code hub} with the password in {@code passwordFile}.
     */
    public static String sftpPayer(String id, String name, String payerId, String match, String claimFilingIndicator,
                            String receiverId, int port, String passwordFile) {
        return """
                  - id: %s
                    name: %s
                    payerId: "%s"
                    match: [%s]
                    claimFilingIndicator: %s
                    interchange: { senderQualifier: ZZ, senderId: SUNRISEHUB, receiverQualifier: ZZ, receiverId: %s, usage: T }
                    batch: { maxClaims: 5000, every: 1s }
                    delivery:
                      type: sftp
                      host: 127.0.0.1
                      port: %d
                      username: hub
                      passwordFile: %s
                      knownHostsFile: secrets/known_hosts
                      directory: /inbound
                      retry: { maxAttempts: 3, initialDelay: 200ms, maxDelay: 1s }
                    replies: { type: sftp, directory: /outbound, every: 1s }
                """.formatted(id, name, payerId, match, claimFilingIndicator, receiverId, port, passwordFile);
    }

    /**
     * A payer simulator started in {@code dir} (its simulator.yaml, host key and SFTP root) on a free SFTP
     * port, user {@code hub} with {@code password}, the 835 one second after the 277CA.
     *
     * @param rules the {@code rules:} map, e.g. {@code { denyOver: 1000.00, denyReason: "96", paidShare: 0.8, coinsuranceShare: 0 }}
     */
    public static PayerSimulator start(Path dir, String payerName, String payerId, String rules, String password)
            throws Exception {
        Files.createDirectories(dir);
        Path yaml = Files.writeString(dir.resolve("simulator.yaml"), simulatorYaml(payerName, payerId, PASSWORD_ENV, rules));
        return new PayerSimulator(SimulatorConfig.load(yaml, Map.of(PASSWORD_ENV, password)::get, dir),
                Clock.systemUTC()).start();
    }

    private static String simulatorYaml(String payerName, String payerId, String passwordEnv, String rules) {
        return """
                bind: 127.0.0.1
                payer: { name: %s, id: "%s" }
                sftp:
                  port: 0
                  hostKey: host-key.pem
                  root: sftp
                  users:
                    - name: hub
                      passwordEnv: %s
                rules: %s
                timing: { remitAfter: 1s }
                """.formatted(payerName, payerId, passwordEnv, rules);
    }

    /** Short delivery ticks and SFTP reply polling, so a round trip takes seconds. */
    public static HubHarness pollingQuickly(HubHarness hub) {
        pollingQuickly(hub.setup());
        return hub;
    }

    /** The same for a hub run in any way: in this JVM or as a process of its own. */
    public static HubSetup pollingQuickly(HubSetup hub) {
        return hub.property("claimshub.delivery.tick", "100")
                .property("claimshub.notify.tick", "100")
                .property("claimshub.replies.incoming-poll", "200ms")
                .property("claimshub.replies.sftp.initial-delay", "100")
                .property("claimshub.replies.sftp.connect-timeout", "5000")
                .property("claimshub.replies.sftp.so-timeout", "5000")
                .property("claimshub.replies.sftp.read-lock-min-age", "1")
                .property("claimshub.replies.sftp.read-lock-check-interval", "50")
                .property("claimshub.replies.sftp.read-lock-timeout", "5000");
    }
}
