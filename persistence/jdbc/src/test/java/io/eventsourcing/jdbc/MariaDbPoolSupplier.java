package io.eventsourcing.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.persistence.Environment;
import javax.sql.DataSource;

/**
 * A {@link JdbcDataSourceSupplier} as an application would write one: its own HikariCP pool on the
 * MariaDB database named by {@value #URL}, at the isolation level named by {@value #ISOLATION} (a
 * {@code TRANSACTION_*} name), or at the server's default (REPEATABLE READ) when that is not set.
 */
public final class MariaDbPoolSupplier implements JdbcDataSourceSupplier {
    /** The variable naming the database. */
    public static final String URL = "SUPPLIED_URL";
    /** The variable naming the isolation level. */
    public static final String ISOLATION = "SUPPLIED_ISOLATION";

    /** Used reflectively by the JDBC factory. */
    public MariaDbPoolSupplier() {}

    @Override
    public DataSource dataSource(Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(environment.get(URL).orElseThrow(() -> new IllegalStateException(URL + " is not set")));
        config.setUsername("root");
        config.setMaximumPoolSize(4);
        environment.get(ISOLATION).ifPresent(config::setTransactionIsolation);
        return new HikariDataSource(config);
    }
}
