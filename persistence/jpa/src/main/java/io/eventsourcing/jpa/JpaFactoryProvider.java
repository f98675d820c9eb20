package io.eventsourcing.jpa;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryProvider;
import java.util.Set;

/** Finds the JPA backend under {@code PERSISTENCE_MODULE=jpa}. */
public final class JpaFactoryProvider implements InfrastructureFactoryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public JpaFactoryProvider() {}

    @Override
    public Set<String> names() {
        return Set.of("jpa");
    }

    @Override
    public InfrastructureFactory create(Environment environment) {
        return new JpaFactory(environment);
    }
}
