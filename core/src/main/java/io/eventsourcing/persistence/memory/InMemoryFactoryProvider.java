package io.eventsourcing.persistence.memory;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryProvider;
import java.util.Set;

/** Finds the in-memory backend under {@code memory} and pyeventsourcing's {@code popo}. */
public final class InMemoryFactoryProvider implements InfrastructureFactoryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public InMemoryFactoryProvider() {}

    @Override
    public Set<String> names() {
        return Set.of("memory", "popo");
    }

    @Override
    public InfrastructureFactory create(Environment environment) {
        return new InMemoryFactory(environment);
    }
}
