package io.eventsourcing.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.persistence.Environment;
import java.time.Duration;

/**
 * The PostgreSQL backend, {@code PERSISTENCE_MODULE=postgres}, configured by the {@code POSTGRES_*}
 * variables of {@link PostgresSettings} with pyeventsourcing's defaults. Connections come from a
 * HikariCP pool of {@code POSTGRES_POOL_SIZE} connections kept open plus up to
 * {@code POSTGRES_MAX_OVERFLOW} more; HikariCP checks a connection's liveness before lending it when
 * it has been idle for more than half a second, and {@code POSTGRES_PRE_PING=true} also keeps idle
 * connections alive with a check every 30 seconds. Work that fails because its connection was lost
 * (a restart, {@code pg_terminate_backend}) is retried on a new connection. Subscriptions are pushed
 * by LISTEN/NOTIFY.
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
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setPoolName("eventsourcing-postgres-" + name);
        config.setMinimumIdle(settings.poolSize());
        config.setMaximumPoolSize(settings.poolSize() + settings.maxOverflow());
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setMaxLifetime(settings.connMaxAge().toMillis());
        config.setInitializationFailTimeout(-1);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (settings.prePing()) {
            config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        }
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "eventsourcing-" + name);
        config.addDataSourceProperty("options", "-c idle_in_transaction_session_timeout="
                + settings.idleInTransactionSessionTimeout().toMillis());
        HikariDataSource pool = new HikariDataSource(config);
        return new JdbcDatastore(pool, dialect, pool);
    }
}
