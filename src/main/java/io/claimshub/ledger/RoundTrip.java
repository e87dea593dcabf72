package io.claimshub.ledger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Several SQL statements sent to PostgreSQL in one round trip: one prepared statement whose text holds them
 * all, which the PostgreSQL driver sends together (a parse, bind and execute for each, then one sync). Many
 * rows go into a table as one array per column ({@code unnest}), so the text does not depend on how many
 * rows there are and PostgreSQL keeps its plan. Not for H2, which takes one statement per prepared statement.
 */
final class RoundTrip {

    private final Connection connection;
    private final List<String> statements = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    RoundTrip(Connection connection) {
        this.connection = connection;
    }

    /** A statement and its parameters. */
    void add(String sql, Object... values) {
        statements.add(sql);
        params.addAll(List.of(values));
    }

    /**
     * An INSERT of many rows; nothing when there is none.
     *
     * @param into   {@code INSERT INTO table (columns)}: first a column per array, then one per shared value
     * @param types  the SQL type of each row value: bigint, numeric or varchar
     * @param shared the values every row has (timestamps)
     */
    void insert(String into, List<String> types, List<Object[]> rows, Timestamp... shared) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(into).append(" SELECT u.*");
        for (Timestamp value : shared) {
            sql.append(", CAST(? AS TIMESTAMP)");
            params.add(value);
        }
        sql.append(" FROM unnest(");
        for (int column = 0; column < types.size(); column++) {
            String type = types.get(column);
            sql.append(column == 0 ? "" : ", ").append("CAST(? AS ").append(type).append("[])");
            params.add(connection.createArrayOf(type, column(type, rows, column)));
        }
        statements.add(sql.append(") AS u").toString());
    }

    /** Runs the statements; returns the rows of each query among them, in order. */
    List<List<Object[]>> query() throws SQLException {
        List<List<Object[]>> results = new ArrayList<>();
        try (PreparedStatement statement = prepared()) {
            boolean rows = statement.execute();
            while (rows || statement.getUpdateCount() != -1) {
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        results.add(rowsOf(result));
                    }
                }
                rows = statement.getMoreResults();
            }
        }
        return results;
    }

    /** Runs the statements, which change data. */
    void execute() throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = prepared()) {
            DiskSync.wrote();
            statement.execute();
        }
    }

    private PreparedStatement prepared() throws SQLException {
        PreparedStatement statement = connection.prepareStatement(String.join("; ", statements));
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    private static List<Object[]> rowsOf(ResultSet result) throws SQLException {
        int columns = result.getMetaData().getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (result.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = result.getObject(i + 1);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object[] column(String type, List<Object[]> rows, int column) {
        Object[] values = switch (type) {
            case "bigint" -> new Long[rows.size()];
            case "numeric" -> new BigDecimal[rows.size()];
            case "varchar" -> new String[rows.size()];
            default -> throw new IllegalArgumentException("no array of " + type);
        };
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[column];
        }
        return values;
    }
}
