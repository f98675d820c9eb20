package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.PoolSettings;
import io.eventsourcing.persistence.Environment;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The PostgreSQL backend, {@code PERSISTENCE_MODULE=postgres}, configured by the {@code POSTGRES_*}
 * variables of {@link PostgresSettings} with pyeventsourcing's defaults. Connections come from a
 * HikariCP pool of {@code POSTGRES_POOL_SIZE} connections kept open plus up to
 * {@code POSTGRES_MAX_OVERFLOW} more; HikariCP checks a connection's liveness before lending it when
 * it has been idle for more than half a second, and {@code POSTGRES_PRE_PING=true} also keeps idle
 * connections alive with a check every 30 seconds. The first connection is made when the factory is
 * constructed: a server that cannot be reached, a wrong password or a missing database fails there,
 * within {@code POSTGRES_CONNECT_TIMEOUT}, with the driver's reason. Work that fails because its
 * connection was lost (a restart, {@code pg_terminate_backend}) is retried on a new connection.
 * Subscriptions are pushed by LISTEN/NOTIFY.
 *
 * <p>Thread-safe.
 */
public final class PostgresFactory extends JdbcFactory {

    /**
     * @throws io.eventsourcing.persistence.ConfigurationException if a setting is missing or invalid
     */
    public PostgresFactory(Environment environment) {
        this(environment, PostgresSettings.from(environment));
    }

    private PostgresFactory(Environment environment, PostgresSettings settings) {
        super(environment, datastore(settings, environment.name()), settings.schema(), settings.pollInterval());
    }

    private static JdbcDatastore datastore(PostgresSettings settings, String name) {
        PostgresDialect dialect = new PostgresDialect(settings.lockTimeout());
        DataSource pool = JdbcFactory.pool(dialect, poolSettings(settings, name));
        return new JdbcDatastore(pool, dialect, (AutoCloseable) pool);
    }

    /**
     * The pool's settings: the host, port and database go to the driver as its {@code PGHOST},
     * {@code PGPORT} and {@code PGDBNAME} properties behind the bare URL {@code jdbc:postgresql://}, so
     * no value is parsed as part of a URL. The session's timeouts are set as server options.
     */
    static PoolSettings poolSettings(PostgresSettings settings, String name) {
        Map<String, String> properties = new HashMap<>();
        properties.put("PGHOST", settings.host());
        properties.put("PGPORT", String.join(",", Collections.nCopies(settings.hosts().size(),
                String.valueOf(settings.port()))));
        properties.put("PGDBNAME", settings.dbname());
        properties.put("reWriteBatchedInserts", "true");
        properties.put("ApplicationName", "eventsourcing-" + name);
        StringBuilder options = new StringBuilder("-c idle_in_transaction_session_timeout=")
                .append(settings.idleInTransactionSessionTimeout().toMillis());
        if (!settings.lockTimeout().isZero()) {
            options.append(" -c lock_timeout=").append(Math.max(1, settings.lockTimeout().toMillis()));
        }
        if (!settings.statementTimeout().isZero()) {
            options.append(" -c statement_timeout=").append(Math.max(1, settings.statementTimeout().toMillis()));
        }
        properties.put("options", options.toString());
        return new PoolSettings("jdbc:postgresql://", properties, settings.user(), settings.password(),
                settings.poolSize(), settings.poolSize() + settings.maxOverflow(), settings.connectTimeout(),
                settings.connMaxAge(), settings.prePing() ? Duration.ofSeconds(30) : Duration.ofMinutes(2),
                "eventsourcing-postgres-" + name, settings.target());
    }
}
