package io.claimshub.ledger;

import io.claimshub.claim.Reason;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** How the ledger stores a claim's reasons: one per line, as "where: message [CODE]". */
public final class StoredReasons {

    private StoredReasons() {
    }

    static String text(List<Reason> reasons) {
        return String.join("\n", reasons.stream().map(r -> r.text() + " [" + r.code() + "]").toList());
    }

    /** Why the claim was rejected (its first rejection), empty when it never was. */
    static List<Reason> ofClaim(Connection connection, long claimId) throws SQLException {
        List<String> details = Jdbc.query(connection, "SELECT detail FROM claim_event WHERE claim_id = ? AND status = ?"
                + " ORDER BY id", row -> row.getString(1), claimId, ClaimStatus.REJECTED.name());
        if (details.isEmpty() || details.get(0) == null) {
            return List.of();
        }
        return details.get(0).lines().map(StoredReasons::parse).toList();
    }

    /** A reason as stored ("where: message [CODE]"), read back. */
    public static Reason parse(String line) {
        int colon = line.indexOf(": ");
        int code = line.lastIndexOf(" [");
        if (colon < 0 || code < colon) {
            return new Reason("claim", "UNKNOWN", line);
        }
        return new Reason(line.substring(0, colon), line.substring(code + 2, line.length() - 1),
                line.substring(colon + 2, code));
    }
}
