package io.eventsourcing.jdbc.testkit;

import io.eventsourcing.jdbc.JdbcDataSourceSupplier;
import io.eventsourcing.jdbc.JdbcSettings;
import io.eventsourcing.persistence.Environment;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JdbcDataSourceSupplier} ({@code JDBC_DATASOURCE_TOPIC}) for fault tests: real connections to
 * the database of {@code JDBC_URL}, one per request (no pool), through which a test makes the
 * connection drop at the moment a transaction commits, as a server restart or a network failure
 * would: the commit either reaches the database and its answer is lost, or it is lost on the way.
 * The commit is whichever comes first of {@code Connection.commit()}, a {@code COMMIT} statement, or
 * a prepared statement that begins and commits a transaction by itself ({@code BEGIN; ...; COMMIT}, or
 * MariaDB's {@code BEGIN NOT ATOMIC ... COMMIT; ... END}).
 * The faults are global to the JVM, for one test at a time.
 */
public final class FaultyDataSource implements JdbcDataSourceSupplier {
    /** What happens at the next commit. */
    public enum Fault {
        /** Nothing. */
        NONE,
        /** The commit runs, then the connection drops before its answer arrives. */
        ANSWER_LOST,
        /** The connection drops before the commit is sent. */
        LOST_BEFORE_COMMIT,
        /** The commit runs, then the connection drops and the database stays unreachable until reset. */
        ANSWER_LOST_THEN_DOWN
    }

    private static final AtomicReference<Fault> NEXT = new AtomicReference<>(Fault.NONE);
    private static final AtomicInteger UNREACHABLE = new AtomicInteger();
    private static final AtomicInteger HAPPENED = new AtomicInteger();

    /** Used reflectively by the JDBC factory. */
    public FaultyDataSource() {}

    /** Arms a fault for the next commit, and clears the count of faults that happened. */
    public static void atNextCommit(Fault fault) {
        HAPPENED.set(0);
        NEXT.set(fault);
    }

    /** How many armed faults happened since the last {@link #atNextCommit}. */
    public static int happened() {
        return HAPPENED.get();
    }

    /** Disarms everything. */
    public static void reset() {
        NEXT.set(Fault.NONE);
        UNREACHABLE.set(0);
    }

    @Override
    public DataSource dataSource(Environment environment) {
        String url = environment.get(JdbcSettings.JDBC_URL).orElseThrow();
        String user = environment.get(JdbcSettings.JDBC_USER).orElse(null);
        String password = environment.get(JdbcSettings.JDBC_PASSWORD).orElse(null);
        return new Direct(url, user, password);
    }

    /** Connects through {@link DriverManager} for every request. */
    private static final class Direct implements DataSource {
        private final String url;
        private final @Nullable String user;
        private final @Nullable String password;

        Direct(String url, @Nullable String user, @Nullable String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (UNREACHABLE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLException("Connection refused (a fault of the test)", "08001");
            }
            Connection real = DriverManager.getConnection(url, user, password);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new Handler(real, real, null));
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("not in this test data source");
        }

        @Override
        public PrintWriter getLogWriter() {
            return new PrintWriter(System.err);
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    /** Passes calls to a connection or one of its statements, dropping the connection at an armed commit. */
    private static final class Handler implements InvocationHandler {
        private final Object target;
        private final Connection connection;
        private final @Nullable String sql;

        Handler(Object target, Connection connection, @Nullable String sql) {
            this.target = target;
            this.connection = connection;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (isCommit(method, args)) {
                Fault fault = NEXT.getAndSet(Fault.NONE);
                if (fault == Fault.LOST_BEFORE_COMMIT) {
                    return drop();
                }
                if (fault == Fault.ANSWER_LOST || fault == Fault.ANSWER_LOST_THEN_DOWN) {
                    call(method, args);
                    if (fault == Fault.ANSWER_LOST_THEN_DOWN) {
                        UNREACHABLE.set(Integer.MAX_VALUE);
                    }
                    return drop();
                }
            }
            Object result = call(method, args);
            if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class}, new Handler(statement, connection, (String) args[0]));
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new Handler(statement, connection, null));
            }
            return result;
        }

        private boolean isCommit(Method method, Object @Nullable [] args) {
            String name = method.getName();
            if (target instanceof Connection) {
                return name.equals("commit") && (args == null || args.length == 0);
            }
            if (target instanceof PreparedStatement && sql != null && (args == null || args.length == 0)) {
                String text = sql.strip().toUpperCase(Locale.ROOT);
                return name.startsWith("execute") && text.startsWith("BEGIN") && text.contains("COMMIT");
            }
            return name.startsWith("execute") && args != null && args.length >= 1 && args[0] instanceof String text
                    && text.strip().equalsIgnoreCase("COMMIT");
        }

        private Object drop() throws SQLException {
            HAPPENED.incrementAndGet();
            connection.close();
            throw new SQLException("An I/O error occurred while sending to the backend (a fault of the test)", "08006");
        }

        private Object call(Method method, Object @Nullable [] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
