package io.claimshub.ledger;

import io.claimshub.ledger.ClaimQueries.Page;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who, through the API, looked at or changed which claim or batch, when, and with what outcome.
 * Rows are only ever added. The target is a claim id, file name or search criteria: never patient data.
 */
public final class AuditLog {

    private final Jdbc jdbc;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public record Entry(long id, Instant at, String user, String role, String action, Long claimId, String target,
                        String outcome) {
    }

    /** Criteria for {@link #find}; null means any. {@code from} included, {@code to} excluded. */
    public record Query(Long claimId, String user, Instant from, Instant to) {
    }

    public void record(String user, String role, String action, Long claimId, String target, String outcome) {
        jdbc.inTransaction(connection -> Jdbc.insert(connection, "INSERT INTO api_audit (at, api_user, api_role, action,"
                        + " claim_id, target, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)", clock.instant(), clip(user, 128),
                role, action, claimId, clip(target, 1000), clip(outcome, 64)));
    }

    /** Newest first. */
    public Page<Entry> find(Query query, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.claimId() != null) {
            where.append(" AND claim_id = ?");
            params.add(query.claimId());
        }
        if (query.user() != null) {
            where.append(" AND api_user = ?");
            params.add(query.user());
        }
        if (query.from() != null) {
            where.append(" AND at >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            where.append(" AND at < ?");
            params.add(query.to());
        }
        return jdbc.inTransaction(connection -> {
            long total = Jdbc.query(connection, "SELECT COUNT(*) FROM api_audit" + where, row -> row.getLong(1),
                    params.toArray()).get(0);
            List<Object> paged = new ArrayList<>(params);
            paged.add(limit);
            paged.add(offset);
            List<Entry> entries = Jdbc.query(connection, "SELECT id, at, api_user, api_role, action, claim_id, target,"
                            + " outcome FROM api_audit" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                    row -> {
                        long claimId = row.getLong(6);
                        Long claim = row.wasNull() ? null : claimId;
                        return new Entry(row.getLong(1), Jdbc.instant(row.getTimestamp(2)), row.getString(3),
                                row.getString(4), row.getString(5), claim, row.getString(7), row.getString(8));
                    }, paged.toArray());
            return new Page<>(entries, total, limit, offset);
        });
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
