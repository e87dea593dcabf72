package io.claimshub.ledger;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<description>.sql}, listed in
 * {@code db/migration/index.txt} (a jar cannot be listed portably). Each runs once, in its own
 * transaction, and is recorded in {@code schema_version}. The scripts are portable SQL; a statement after a
 * {@code -- h2 only} line is a tuning that runs on H2 alone.
 */
final class Migrations {

    private static final String FOLDER = "db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");
    private static final String H2_ONLY = "-- h2 only";
    /** First key of the PostgreSQL advisory lock the migrations hold ("CHMG"). */
    private static final int MIGRATION_LOCK = 0x43484d47;

    /** One statement of a script; {@code h2Only} when it is an H2 tuning that other databases skip. */
    record Step(String sql, boolean h2Only) {
    }

    private Migrations() {
    }

    static void apply(DataSource dataSource) throws SQLException {
        apply(dataSource, Integer.MAX_VALUE);
    }

    /** Applies the migrations up to and including {@code lastVersion} only (tests build older ledgers with it). */
    static void apply(DataSource dataSource, int lastVersion) throws SQLException {
        List<String> scripts = scripts();
        // Hubs started at once on a fresh database would each create the same tables: one migrates at
        // a time, the others then find the schema current. Within a JVM a monitor serialises the pools
        // of one H2 file (another process cannot open it at all); across PostgreSQL nodes a session
        // advisory lock, keyed by the schema, does.
        synchronized (Migrations.class) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
                if (postgres) {
                    advisoryLock(connection, "pg_advisory_lock");
                }
                try {
                    migrate(connection, scripts, lastVersion);
                } finally {
                    if (postgres) {
                        advisoryLock(connection, "pg_advisory_unlock");
                    }
                }
            }
        }
    }

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + function + "(?, hashtext(current_schema()))")) {
            statement.setInt(1, MIGRATION_LOCK);
            statement.execute();
        }
        connection.commit();
    }

    private static void migrate(Connection connection, List<String> scripts, int lastVersion) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
        connection.commit();
        int current = currentVersion(connection);
        int latest = scripts.isEmpty() ? 0 : version(scripts.get(scripts.size() - 1));
        if (current > latest) {
            throw new SQLException("the ledger database is at schema version " + current
                    + " but this claims-hub knows only up to " + latest + ": use a newer claims-hub");
        }
        for (String script : scripts) {
            int version = version(script);
            if (version > current && version <= lastVersion) {
                run(connection, script, version);
            }
        }
    }

    private static void run(Connection connection, String script, int version) throws SQLException {
        boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
        try (Statement statement = connection.createStatement()) {
            for (Step step : statements(read(FOLDER + script))) {
                if (h2 || !step.h2Only()) {
                    statement.execute(step.sql());
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, description(script));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("ledger migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<String> scripts() {
        List<String> scripts = new ArrayList<>();
        for (String line : read(FOLDER + "index.txt").split("\n")) {
            if (!line.isBlank()) {
                scripts.add(line.trim());
            }
        }
        scripts.sort((a, b) -> Integer.compare(version(a), version(b)));
        return scripts;
    }

    /**
     * Splits a script on semicolons at line ends; comments (--) are dropped, except that {@code -- h2 only}
     * marks the statement after it.
     */
    static List<Step> statements(String script) {
        List<Step> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean h2Only = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.equalsIgnoreCase(H2_ONLY)) {
                h2Only = true;
            }
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(new Step(current.substring(0, current.lastIndexOf(";")).strip(), h2Only));
                current.setLength(0);
                h2Only = false;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(new Step(current.toString().strip(), h2Only));
        }
        return statements;
    }

    private static int version(String script) {
        Matcher matcher = NAME.matcher(script);
        if (!matcher.matches()) {
            throw new IllegalStateException("migration " + script + " is not named V<n>__<description>.sql");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String description(String script) {
        Matcher matcher = NAME.matcher(script);
        return matcher.matches() ? matcher.group(2).replace('_', ' ') : script;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing ledger resource " + resource);
            }
            StringBuilder text = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> text.append(line).append('\n'));
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
