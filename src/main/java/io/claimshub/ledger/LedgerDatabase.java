package io.claimshub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.claimshub.storage.PrivateFiles;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.sql.SQLException;

/**
 * The ledger's connection pool, with the schema migrated to the version this code knows. The JDBC URL
 * decides the database: H2 in file mode by default, PostgreSQL with the same code.
 */
public final class LedgerDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    private LedgerDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens an H2 ledger whose URL says {@code CIPHER=AES} with its file key (H2 takes it in front of the
     * user's password, separated by a space); any other ledger ignores the key.
     *
     * @throws IllegalStateException when the URL asks for encryption and there is no key
     */
    public static LedgerDatabase open(String jdbcUrl, String user, String password, Optional<String> encryptionKey) {
        if (!isEncrypted(jdbcUrl)) {
            return open(jdbcUrl, user, password);
        }
        String key = encryptionKey.orElseThrow(() -> new IllegalStateException("the ledger URL says CIPHER=AES but no key"
                + " was given: put it in the file named by claimshub.ledger.encryption-key-file, or in the environment"
                + " variable named by claimshub.ledger.encryption-key-env"));
        return open(jdbcUrl, user, key + " " + (password == null ? "" : password));
    }

    static boolean isEncrypted(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") && jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";CIPHER=AES");
    }

    /**
     * The ledger's file key: the first line of {@code keyFile} when one is named, else the environment
     * variable {@code keyEnv}; empty when neither gives one.
     */
    public static Optional<String> encryptionKey(Path keyFile, String keyEnv, UnaryOperator<String> environment) {
        String key;
        if (keyFile != null) {
            try {
                key = Files.readAllLines(keyFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ledger key file " + keyFile, e);
            }
        } else {
            key = keyEnv == null || keyEnv.isBlank() ? null : environment.apply(keyEnv);
        }
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.contains(" ")) {
            // H2 reads the file key up to the first space of the password
            throw new IllegalStateException("the ledger key must not contain a space");
        }
        return Optional.of(key.strip());
    }

    public static LedgerDatabase open(String jdbcUrl, String user, String password) {
        Optional<Path> folder = LedgerFile.path(jdbcUrl).map(Path::getParent);
        // H2 creates its files with the process's umask: in a folder of the hub's own they are private anyway
        folder.ifPresent(LedgerDatabase::makePrivate);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withH2Settings(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        // While the database is down every ledger call waits this long for a connection (Hikari's default
        // is 30 s): timers, a stop and readiness then hang for minutes. A healthy pool of 8 hands one out
        // in far less.
        config.setConnectionTimeout(5000);
        config.setPoolName("ledger");
        config.setAutoCommit(true);
        config.setExceptionOverride(new ClosedDatabaseEviction());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (h2FileInUse(e)) {
                throw new IllegalStateException("the H2 ledger " + h2File(jdbcUrl) + " is in use by another claims-hub"
                        + " (or a tool such as the H2 console, or the redeliver command): H2 serves one hub at a time."
                        + " Stop the other one first; several hubs need PostgreSQL (docs/cluster.md)");
            }
            throw e;
        }
        try {
            Migrations.apply(dataSource);
        } catch (SQLException e) {
            dataSource.close();
            throw new IllegalStateException("cannot prepare the claim ledger: " + e.getMessage(), e);
        }
        folder.ifPresent(LedgerDatabase::makePrivate);
        return new LedgerDatabase(dataSource);
    }

    /** H2's "Database may be already in use": another process holds the file's lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static boolean h2FileInUse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /** The ledger file an H2 URL names, as an absolute path an operator can look for. */
    private static java.nio.file.Path h2File(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:h2:".length());
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        int settings = path.indexOf(';');
        return java.nio.file.Path.of(settings < 0 ? path : path.substring(0, settings)).toAbsolutePath().normalize();
    }

    private static void makePrivate(Path folder) {
        try {
            PrivateFiles.createDirectories(folder);
            PrivateFiles.restrict(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the ledger folder " + folder, e);
        }
    }

    /** How long (ms) H2 may compact its file when the ledger is closed, unless the URL says otherwise. */
    static final int CLOSE_COMPACT_MILLIS = 10_000;

    /** Parsed statements H2 keeps per connection, unless the URL says otherwise. */
    static final int QUERY_CACHE_SIZE = 64;

    /**
     * The hub's H2 settings, added unless the URL sets them itself.
     * <ul>
     * <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 closes a database from a JVM shutdown hook of its own, which
     * races the hub's shutdown: on SIGTERM the claims still waiting could not be written out. The hub
     * closes the pool itself.</li>
     * <li>{@code MAX_COMPACT_TIME}: with a commit written at once ({@code WRITE_DELAY=0}) H2 never compacts
     * its file while it is open, and a chunk written for one claim stays as long as one page in it is
     * live, so the file grows by about 30 kB per claim (BENCHMARKS.md, "Ledger disk space"). H2's
     * default of 200 ms at close reclaims little of that; this lets each stop of the hub compact.</li>
     * <li>{@code QUERY_CACHE_SIZE}: H2 keeps 8 parsed statements per connection; recording one claim runs
     * about ten different ones, so with 8 every statement was parsed again, every time (a sixth of the
     * group commit's CPU, BENCHMARKS.md "MLLP CPU ratio").</li>
     * </ul>
     */
    static String withH2Settings(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        String url = jdbcUrl;
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            url += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!upper.contains("MAX_COMPACT_TIME") && !upper.startsWith("JDBC:H2:MEM:")) {
            url += ";MAX_COMPACT_TIME=" + CLOSE_COMPACT_MILLIS;
        }
        if (!upper.contains("QUERY_CACHE_SIZE") && !upper.startsWith("JDBC:H2:MEM:")) {
            url += ";QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;
        }
        return url;
    }

    /**
     * Whether every H2 commit is synced to the disk (the default). Off trades safety against power
     * cuts for throughput; PostgreSQL keeps its own setting ({@code fsync}, {@code synchronous_commit}).
     */
    public static void syncCommits(boolean on) {
        DiskSync.enable(on);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
