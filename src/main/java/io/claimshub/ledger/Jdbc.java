package io.claimshub.ledger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The little JDBC the ledger needs: transactions, parameter binding, row mapping. Timestamps are stored
 * as UTC wall-clock values so H2 and PostgreSQL read back the same instant whatever the JVM's zone.
 */
final class Jdbc {

    private final DataSource dataSource;
    private final DiskSync diskSync;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
        this.diskSync = new DiskSync();
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            DiskSync.forget();
            try {
                T result = work.run(connection);
                connection.commit();
                diskSync.afterCommit(connection);
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LedgerException(e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return inTransaction(connection -> query(connection, sql, mapper, params));
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            DiskSync.wrote();
            return statement.executeUpdate();
        }
    }

    /** One statement for many rows (JDBC batch); returns each row's update count. */
    static int[] batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            DiskSync.wrote();
            return statement.executeBatch();
        }
    }

    static long insert(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, new String[]{"id"})) {
            bind(statement, params);
            DiskSync.wrote();
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A line of a claim's history. */
    record ClaimEvent(long claimId, ClaimStatus status, Instant at, String detail) {
    }

    private static final String CLAIM_EVENT_INSERT = "INSERT INTO claim_event (claim_id, at, status, detail) VALUES (?, ?, ?, ?)";

    /** Adds a line to a claim's history; the detail is cut to what the column holds. */
    static void addClaimEvent(Connection connection, long claimId, ClaimStatus status, Instant at, String detail)
            throws SQLException {
        update(connection, CLAIM_EVENT_INSERT, claimId, at, status.name(), truncate(detail, 4000));
    }

    /** {@link #addClaimEvent} for many lines in one JDBC batch. */
    static void addClaimEvents(Connection connection, List<ClaimEvent> events) throws SQLException {
        batch(connection, CLAIM_EVENT_INSERT, events.stream().map(event -> new Object[]{event.claimId(), event.at(),
                event.status().name(), truncate(event.detail(), 4000)}).toList());
    }

    /** A value cut to its column's length (what identifies a claim fits; the payload keeps everything). */
    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** A text cut to {@code max} characters, marked as cut. */
    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i] instanceof Instant instant ? timestamp(instant) : params[i];
            statement.setObject(i + 1, value);
        }
    }

}
