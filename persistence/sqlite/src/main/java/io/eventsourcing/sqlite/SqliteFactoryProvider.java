package io.eventsourcing.sqlite;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryProvider;
import java.util.Set;

/** Finds the SQLite backend under {@code PERSISTENCE_MODULE=sqlite}. */
public final class SqliteFactoryProvider implements InfrastructureFactoryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public SqliteFactoryProvider() {}

    @Override
    public Set<String> names() {
        return Set.of("sqlite");
    }

    @Override
    public InfrastructureFactory create(Environment environment) {
        return new SqliteFactory(environment);
    }
}
