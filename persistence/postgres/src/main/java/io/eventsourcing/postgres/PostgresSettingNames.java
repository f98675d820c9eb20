package io.eventsourcing.postgres;

import io.eventsourcing.persistence.SettingNames;
import java.util.Set;

/**
 * The settings of {@code PERSISTENCE_MODULE=postgres}, read into {@link PostgresSettings}.
 */
public final class PostgresSettingNames implements SettingNames {
    /** Used by {@link java.util.ServiceLoader}. */
    public PostgresSettingNames() {}

    @Override
    public Set<String> names() {
        return Set.of(
                PostgresSettings.POSTGRES_DBNAME,
                PostgresSettings.POSTGRES_HOST,
                PostgresSettings.POSTGRES_PORT,
                PostgresSettings.POSTGRES_USER,
                PostgresSettings.POSTGRES_PASSWORD,
                PostgresSettings.POSTGRES_SCHEMA,
                PostgresSettings.POSTGRES_POOL_SIZE,
                PostgresSettings.POSTGRES_MAX_OVERFLOW,
                PostgresSettings.POSTGRES_CONNECT_TIMEOUT,
                PostgresSettings.POSTGRES_LOCK_TIMEOUT,
                PostgresSettings.POSTGRES_STATEMENT_TIMEOUT,
                PostgresSettings.POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                PostgresSettings.POSTGRES_CONN_MAX_AGE,
                PostgresSettings.POSTGRES_PRE_PING,
                PostgresSettings.POSTGRES_POLL_INTERVAL,
                PostgresSettings.POSTGRES_REPLICA_HOSTS,
                PostgresSettings.POSTGRES_REPLICA_READS);
    }
}
