package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.ProjectionRunnerConformance;
import io.eventsourcing.tck.system.EventCounters;
import java.util.Map;

class InMemoryProjectionRunnerTest extends ProjectionRunnerConformance {
    @Override
    protected Map<String, String> env() {
        return Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory");
    }

    @Override
    protected EventCounters createView() {
        return new InMemoryEventCounters();
    }
}
