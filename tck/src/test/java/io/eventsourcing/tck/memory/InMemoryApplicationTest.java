package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.ApplicationConformance;
import java.util.Map;

class InMemoryApplicationTest extends ApplicationConformance {
    @Override
    protected Map<String, String> env() {
        return Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory");
    }
}
