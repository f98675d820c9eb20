package io.eventsourcing.sqlite;

import io.eventsourcing.persistence.SettingNames;
import java.util.Set;

/**
 * The settings of {@code PERSISTENCE_MODULE=sqlite}, read by {@link SqliteFactory}.
 */
public final class SqliteSettingNames implements SettingNames {
    /** Used by {@link java.util.ServiceLoader}. */
    public SqliteSettingNames() {}

    @Override
    public Set<String> names() {
        return Set.of(
                SqliteFactory.SQLITE_DBNAME,
                SqliteFactory.SQLITE_LOCK_TIMEOUT,
                SqliteFactory.SQLITE_POLL_INTERVAL);
    }
}
