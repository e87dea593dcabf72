package io.claimshub.cluster;

import io.claimshub.ledger.LedgerDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** What the cluster tests read from the nodes' shared PostgreSQL ledger, with a connection each time. */
final class ClusterLedger {

    private final LedgerDatabases.Target target;

    ClusterLedger(LedgerDatabases.Target target) {
        this.target = target;
    }

    /** A connection of its own, for a caller that asks many times in a row. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(target.url(), target.user(), target.password());
    }

    /** The first column of the first row of a {@code SELECT COUNT(*) …}. */
    int count(String sql, Object... parameters) throws SQLException {
        return Integer.parseInt(rows(sql, parameters).get(0).get(0));
    }

    /** Every row, each column as text (null stays null). */
    List<List<String>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    List<String> values = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        values.add(row.getString(c));
                    }
                    rows.add(values);
                }
                return rows;
            }
        }
    }

    /** Whether the node's lease has run out, by the ledger's record of it (UTC wall-clock). */
    boolean leaseExpired(String node) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT lease_until < ? FROM hub_node WHERE node_id = ?")) {
            statement.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            statement.setString(2, node);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
