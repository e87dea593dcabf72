package io.claimshub.ledger;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Removes patient data the hub no longer needs: the payload (the claim's canonical JSON, with names,
 * birth dates, addresses, member ids, diagnoses; its row in {@code claim_payload}) of claims received
 * more than N days ago. What a billing office and an auditor need stays: the claim row (clinic, CLM01,
 * payer, amount, status, file and control numbers, payer claim number), its whole history, batches and
 * control numbers.
 * Claims still on their way out (validated, queued, sending, or dead and waiting for an operator's
 * redelivery) keep their payload until they are sent: their 837 may have to be written or rewritten
 * from it. Each purged claim gets a history row.
 */
public final class RetentionPurge {

    /** Claims purged per transaction, so a first purge of a large ledger does not hold one huge transaction. */
    private static final int CHUNK = 500;
    private static final List<String> IN_FLIGHT = List.of(ClaimStatus.VALIDATED.name(), ClaimStatus.QUEUED.name(),
            ClaimStatus.SENDING.name(), ClaimStatus.DEAD.name());

    private final Jdbc jdbc;
    private final Clock clock;
    private final int payloadDays;

    /** @param payloadDays keep payloads this many days after receipt; 0 or less keeps them forever */
    public RetentionPurge(DataSource dataSource, Clock clock, int payloadDays) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.payloadDays = payloadDays;
    }

    public record Result(int claimsPurged, Instant receivedBefore) {
    }

    /** Purges what is older than the configured number of days; nothing when retention is off. */
    public Result purge() {
        if (payloadDays <= 0) {
            return new Result(0, null);
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(payloadDays));
        int purged = 0;
        while (true) {
            int chunk = jdbc.inTransaction(connection -> {
                List<Object[]> claims = Jdbc.query(connection, "SELECT c.id, c.status FROM claim c"
                                + " JOIN claim_payload p ON p.claim_id = c.id"
                                + " WHERE c.received_at < ? AND c.status NOT IN (?, ?, ?, ?) ORDER BY c.id LIMIT " + CHUNK,
                        row -> new Object[]{row.getLong(1), row.getString(2)},
                        cutoff, IN_FLIGHT.get(0), IN_FLIGHT.get(1), IN_FLIGHT.get(2), IN_FLIGHT.get(3));
                for (Object[] claim : claims) {
                    // The payload is its own row (V5): deleting it is what removes the patient data.
                    Jdbc.update(connection, "DELETE FROM claim_payload WHERE claim_id = ?", claim[0]);
                    Jdbc.update(connection, "UPDATE claim SET payload_purged_at = ? WHERE id = ?", now, claim[0]);
                    Jdbc.addClaimEvent(connection, (Long) claim[0], ClaimStatus.valueOf((String) claim[1]), now,
                            "patient data removed: received more than " + payloadDays + " days ago (retention)");
                }
                return claims.size();
            });
            purged += chunk;
            if (chunk < CHUNK) {
                return new Result(purged, cutoff);
            }
        }
    }
}
