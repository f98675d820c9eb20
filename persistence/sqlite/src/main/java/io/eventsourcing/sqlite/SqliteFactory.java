package io.eventsourcing.sqlite;

import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcSettings;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.time.Duration;

/**
 * The SQLite backend, {@code PERSISTENCE_MODULE=sqlite}: the embedded default. {@code SQLITE_DBNAME}
 * names the database: a file path ({@code dogs.db}), {@code :memory:}, or a {@code file:} URI such as
 * {@code file:dogs?mode=memory&cache=shared}. {@code SQLITE_LOCK_TIMEOUT} (seconds, default 5) is how
 * long a writer waits for another. Tables are named from the application and created on first use
 * unless {@code CREATE_TABLE=false}.
 *
 * <p>Thread-safe.
 */
public final class SqliteFactory extends JdbcFactory {
    /** The database: a file path, {@code :memory:}, or a {@code file:} URI. Required. */
    public static final String SQLITE_DBNAME = "SQLITE_DBNAME";
    /** Seconds a writer waits for another before failing with an OperationalException. Default 5. */
    public static final String SQLITE_LOCK_TIMEOUT = "SQLITE_LOCK_TIMEOUT";
    /** Seconds between a subscription's polls for other processes' events. Default 0.1. */
    public static final String SQLITE_POLL_INTERVAL = "SQLITE_POLL_INTERVAL";

    /**
     * @throws ConfigurationException if {@code SQLITE_DBNAME} is missing or a timeout is invalid
     */
    public SqliteFactory(Environment environment) {
        this(environment, pollInterval(environment));
    }

    /** Every setting is checked before the pool is made, so a rejected one leaves no pool open. */
    private SqliteFactory(Environment environment, Duration pollInterval) {
        super(environment, datastore(environment), null, pollInterval);
    }

    private static JdbcDatastore datastore(Environment environment) {
        String name = environment.get(SQLITE_DBNAME).orElseThrow(() -> new ConfigurationException(SQLITE_DBNAME
                + " is not set: PERSISTENCE_MODULE=sqlite needs a database file path (e.g. dogs.db), :memory:, "
                + "or a file: URI"));
        Duration lockTimeout = JdbcSettings.timeout(environment, SQLITE_LOCK_TIMEOUT, SqliteDialect.DEFAULT_LOCK_TIMEOUT,
                true);
        return new SqliteDialect().datastore("jdbc:sqlite:" + name, 5, lockTimeout, environment.name());
    }

    private static Duration pollInterval(Environment environment) {
        Duration interval = environment.getSeconds(SQLITE_POLL_INTERVAL, Duration.ofMillis(100));
        if (interval.isZero()) {
            throw new ConfigurationException(environment.sourceOf(SQLITE_POLL_INTERVAL) + " must be above 0 seconds");
        }
        return interval;
    }
}
