package io.eventsourcing.postgres;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryProvider;
import java.util.Set;

/** Finds the PostgreSQL backend under {@code PERSISTENCE_MODULE=postgres}. */
public final class PostgresFactoryProvider implements InfrastructureFactoryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public PostgresFactoryProvider() {}

    @Override
    public Set<String> names() {
        return Set.of("postgres", "postgresql");
    }

    @Override
    public InfrastructureFactory create(Environment environment) {
        return new PostgresFactory(environment);
    }
}
