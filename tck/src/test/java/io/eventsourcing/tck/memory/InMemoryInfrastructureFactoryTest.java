package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.memory.InMemoryFactory;
import io.eventsourcing.tck.InfrastructureFactoryConformance;
import java.util.Map;

class InMemoryInfrastructureFactoryTest extends InfrastructureFactoryConformance {
    @Override
    protected Map<String, String> env() {
        return Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory");
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return InMemoryFactory.class;
    }
}
