package io.claimshub.e2e;

import io.claimshub.testing.HubHarness;

/** payers.yaml entries for payer simulators reached over SFTP, and the hub settings that poll them quickly. */
final class SimulatorPayers {

    private SimulatorPayers() {
    }

    /**
     * One payers.yaml entry (indented for the {@code payers:} list): 837s to the simulator's /inbound,
     * replies from its /outbound, user {@code hub} with the password in {@code passwordFile}.
     */
    static String sftpPayer(String id, String name, String payerId, String match, String claimFilingIndicator,
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
     * simulator.yaml for a payer simulator on a free SFTP port, user {@code hub} with the password in the
     * environment variable {@code passwordEnv}, the 835 one second after the 277CA.
     *
     * @param rules the {@code rules:} map, e.g. {@code { denyOver: 1000.00, denyReason: "96", paidShare: 0.8, coinsuranceShare: 0 }}
     */
    static String simulatorYaml(String payerName, String payerId, String passwordEnv, String rules) {
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
    static HubHarness pollingQuickly(HubHarness hub) {
        return hub.withProperty("claimshub.delivery.tick", "100")
                .withProperty("claimshub.notify.tick", "100")
                .withProperty("claimshub.replies.incoming-poll", "200ms")
                .withProperty("claimshub.replies.sftp.initial-delay", "100")
                .withProperty("claimshub.replies.sftp.connect-timeout", "5000")
                .withProperty("claimshub.replies.sftp.so-timeout", "5000")
                .withProperty("claimshub.replies.sftp.read-lock-min-age", "1")
                .withProperty("claimshub.replies.sftp.read-lock-check-interval", "50")
                .withProperty("claimshub.replies.sftp.read-lock-timeout", "5000");
    }
}
