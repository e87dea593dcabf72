package io.claimshub.ledger;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real database's DataSource that counts the statements its connections execute (each is a round trip
 * to PostgreSQL; a JDBC batch counts once) and can run a hook just before a statement executes. Test code
 * only: the statements still run on the real database.
 */
final class CountingDataSource {

    private final DataSource target;
    private final AtomicInteger executions = new AtomicInteger();
    private final List<String> executed = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<String> beforeExecute = sql -> { };

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Statements executed so far: queries, updates, batches, savepoints, commits and rollbacks. */
    int executions() {
        return executions.get();
    }

    /** The SQL of each statement executed so far, in order. */
    List<String> executed() {
        return List.copyOf(executed);
    }

    /** Runs before every statement with its SQL. */
    void beforeExecute(Consumer<String> hook) {
        this.beforeExecute = hook;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, target, (method, result) -> method.equals("getConnection")
                ? proxy(Connection.class, result, this::connectionResult, null) : result, null);
    }

    private Object connectionResult(String method, Object result) {
        if (method.equals("setSavepoint") || method.equals("commit") || method.equals("rollback")) {
            count(method.toUpperCase(java.util.Locale.ROOT));
        }
        return result;
    }

    private void count(String sql) {
        executions.incrementAndGet();
        executed.add(sql);
    }

    private interface ResultHandler {
        Object handle(String method, Object result);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, Object delegate, ResultHandler handler, String sql) {
        InvocationHandler invocation = (self, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute") && (delegate instanceof Statement)) {
                String text = sql != null ? sql : args != null && args.length > 0 ? (String) args[0] : "?";
                beforeExecute.accept(text);
                count(text);
            }
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.equals("prepareStatement")) {
                return proxy(PreparedStatement.class, result, (m, r) -> r, (String) args[0]);
            }
            if (name.equals("createStatement")) {
                return proxy(Statement.class, result, (m, r) -> r, null);
            }
            return handler.handle(name, result);
        };
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, invocation);
    }
}
