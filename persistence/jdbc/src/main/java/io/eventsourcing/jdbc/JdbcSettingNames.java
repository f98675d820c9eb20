package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.SettingNames;
import java.util.Set;

/**
 * The settings of {@code PERSISTENCE_MODULE=jdbc}, read into {@link JdbcSettings}.
 */
public final class JdbcSettingNames implements SettingNames {
    /** Used by {@link java.util.ServiceLoader}. */
    public JdbcSettingNames() {}

    @Override
    public Set<String> names() {
        return Set.of(
                JdbcSettings.JDBC_URL,
                JdbcSettings.JDBC_USER,
                JdbcSettings.JDBC_PASSWORD,
                JdbcSettings.JDBC_POOL_SIZE,
                JdbcSettings.JDBC_SCHEMA,
                JdbcSettings.JDBC_DATASOURCE_TOPIC,
                JdbcSettings.JDBC_POLL_INTERVAL,
                JdbcSettings.JDBC_CONNECT_TIMEOUT);
    }
}
