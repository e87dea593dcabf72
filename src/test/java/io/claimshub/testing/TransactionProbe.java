package io.claimshub.testing;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A real ledger database seen through JDBC: counts, per committed transaction, the claim rows that its
 * {@code UPDATE claim} statements changed, and can make a chosen statement fail as a crash would (the
 * transaction it was in is rolled back, nothing after it runs).
 */
public final class TransactionProbe implements DataSource {

    private final DataSource database;
    private final List<Integer> claimRowsPerCommit = new CopyOnWriteArrayList<>();
    private final AtomicInteger matching = new AtomicInteger();
    private volatile String failingPrefix;
    private volatile int failAt;

    public TransactionProbe(DataSource database) {
        this.database = database;
    }

    /** How many claim rows each committed transaction changed, in commit order (0 for one that changed none). */
    public List<Integer> claimRowsPerCommit() {
        return List.copyOf(claimRowsPerCommit);
    }

    /** The {@code n}th execution (from now, 1-based) of a statement starting with {@code sqlPrefix} fails. */
    public void failExecution(String sqlPrefix, int n) {
        matching.set(0);
        failAt = n;
        failingPrefix = sqlPrefix;
    }

    public void stopFailing() {
        failingPrefix = null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return probe(database.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return probe(database.getConnection(username, password));
    }

    private Connection probe(Connection connection) {
        int[] changed = {0};
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        Object result = invoke(connection, method, args);
                        claimRowsPerCommit.add(changed[0]);
                        changed[0] = 0;
                        return result;
                    }
                    if (method.getName().equals("rollback")) {
                        changed[0] = 0;
                    }
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("prepareStatement")) {
                        return statement((PreparedStatement) result, (String) args[0], changed);
                    }
                    return result;
                });
    }

    private PreparedStatement statement(PreparedStatement statement, String sql, int[] changed) {
        boolean updatesClaims = sql.startsWith("UPDATE claim ");
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    boolean executes = name.startsWith("execute");
                    String prefix = failingPrefix;
                    if (executes && prefix != null && sql.startsWith(prefix) && matching.incrementAndGet() == failAt) {
                        throw new SQLException("injected failure: the hub stops here");
                    }
                    Object result = invoke(statement, method, args);
                    if (updatesClaims && name.equals("executeUpdate")) {
                        changed[0] += (Integer) result;
                    } else if (updatesClaims && name.equals("executeBatch")) {
                        for (int count : (int[]) result) {
                            changed[0] += count;
                        }
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return database.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return database.isWrapperFor(type);
    }
}
