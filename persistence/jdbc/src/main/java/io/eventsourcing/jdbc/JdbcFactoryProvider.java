package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryProvider;
import java.util.Set;

/** Finds the generic SQL backend under {@code PERSISTENCE_MODULE=jdbc}. */
public final class JdbcFactoryProvider implements InfrastructureFactoryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public JdbcFactoryProvider() {}

    @Override
    public Set<String> names() {
        return Set.of("jdbc");
    }

    @Override
    public InfrastructureFactory create(Environment environment) {
        return new JdbcFactory(environment);
    }
}
