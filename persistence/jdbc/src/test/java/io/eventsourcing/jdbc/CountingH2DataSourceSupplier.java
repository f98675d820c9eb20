package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.Environment;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A {@link JdbcDataSourceSupplier} for the tests of {@code JDBC_DATASOURCE_TOPIC}: supplies a plain
 * (unpooled) H2 data source on the database named by {@value #URL}, and counts, per database, how
 * often it was asked for a data source and how many connections were taken from the ones it supplied.
 */
public final class CountingH2DataSourceSupplier implements JdbcDataSourceSupplier {
    /** The variable naming the H2 database to supply. */
    public static final String URL = "COUNTING_H2_URL";

    private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

    /** Used reflectively by the JDBC factory. */
    public CountingH2DataSourceSupplier() {}

    @Override
    public DataSource dataSource(Environment environment) {
        String url = environment.get(URL).orElseThrow(() -> new IllegalStateException(URL + " is not set"));
        Counts counts = counts(url);
        counts.supplied.incrementAndGet();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        return new Counting(h2, counts.connections);
    }

    /** The counts for a database, zero until a data source is supplied for it. */
    static Counts counts(String url) {
        return COUNTS.computeIfAbsent(url, ignored -> new Counts(new AtomicInteger(), new AtomicInteger()));
    }

    /**
     * @param supplied how many data sources were supplied
     * @param connections how many connections were taken from them
     */
    record Counts(AtomicInteger supplied, AtomicInteger connections) {}

    /** A data source that counts the connections taken from it. */
    private static final class Counting implements DataSource {
        private final DataSource delegate;
        private final AtomicInteger connections;

        Counting(DataSource delegate, AtomicInteger connections) {
            this.delegate = delegate;
            this.connections = connections;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            connections.incrementAndGet();
            return delegate.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return delegate.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return delegate.isWrapperFor(type);
        }
    }
}
