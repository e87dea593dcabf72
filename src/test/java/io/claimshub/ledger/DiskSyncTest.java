package io.claimshub.ledger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSyncTest {

    @TempDir
    Path dir;

    /** Real H2 underneath; only the plain statements the ledger executes are noted. */
    private final List<String> executed = new CopyOnWriteArrayList<>();

    @Test
    void a_transaction_that_wrote_to_an_h2_file_is_synced_to_the_disk_after_its_commit() {
        Jdbc jdbc = new Jdbc(recording("jdbc:h2:file:" + dir.resolve("claims")));
        jdbc.inTransaction(c -> Jdbc.update(c, "CREATE TABLE t (v INT)"));
        executed.clear();

        jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO t VALUES (1)"));

        assertThat(executed).containsExactly("CHECKPOINT SYNC");
    }

    @Test
    void a_transaction_that_only_read_is_not_synced() {
        Jdbc jdbc = new Jdbc(recording("jdbc:h2:file:" + dir.resolve("claims")));
        jdbc.inTransaction(c -> Jdbc.update(c, "CREATE TABLE t (v INT)"));
        executed.clear();

        jdbc.query("SELECT v FROM t", row -> row.getInt(1));

        assertThat(executed).isEmpty();
    }

    @Test
    void a_group_commit_that_wrote_is_synced_before_its_callers_are_answered() {
        DataSource dataSource = recording("jdbc:h2:file:" + dir.resolve("claims"));
        new Jdbc(dataSource).inTransaction(c -> Jdbc.update(c, "CREATE TABLE t (v INT)"));
        executed.clear();

        new GroupCommit<Void, Void>(dataSource).run(c -> Jdbc.update(c, "INSERT INTO t VALUES (2)"));

        assertThat(executed).containsExactly("CHECKPOINT SYNC");
    }

    @Test
    void with_sync_commits_off_a_write_is_not_synced() {
        Jdbc jdbc = new Jdbc(recording("jdbc:h2:file:" + dir.resolve("claims")));
        jdbc.inTransaction(c -> Jdbc.update(c, "CREATE TABLE t (v INT)"));
        executed.clear();
        LedgerDatabase.syncCommits(false);
        try {
            jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO t VALUES (1)"));
        } finally {
            LedgerDatabase.syncCommits(true);
        }

        assertThat(executed).isEmpty();
    }

    @Test
    void an_in_memory_database_has_no_disk_to_sync() {
        Jdbc jdbc = new Jdbc(recording("jdbc:h2:mem:disk-sync-test;DB_CLOSE_DELAY=-1"));
        jdbc.inTransaction(c -> Jdbc.update(c, "CREATE TABLE t (v INT)"));

        jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO t VALUES (1)"));

        assertThat(executed).isEmpty();
    }

    private DataSource recording(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return new DataSource() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return recordingConnection(h2.getConnection());
            }

            @Override
            public Connection getConnection(String user, String password) throws java.sql.SQLException {
                return recordingConnection(h2.getConnection(user, password));
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                return null;
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }

    private Connection recordingConnection(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("createStatement") && result instanceof Statement statement) {
                        return recordingStatement(statement);
                    }
                    return result;
                });
    }

    private Statement recordingStatement(Statement real) {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args != null && args.length == 1) {
                        executed.add((String) args[0]);
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
