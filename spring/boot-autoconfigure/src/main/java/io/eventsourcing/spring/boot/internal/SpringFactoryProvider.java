package io.eventsourcing.spring.boot.internal;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryProvider;
import java.util.Set;

/** Finds the Spring backend under {@code PERSISTENCE_MODULE=spring}. */
public final class SpringFactoryProvider implements InfrastructureFactoryProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public SpringFactoryProvider() {}

    @Override
    public Set<String> names() {
        return Set.of("spring");
    }

    @Override
    public InfrastructureFactory create(Environment environment) {
        return new SpringFactory(environment);
    }
}
