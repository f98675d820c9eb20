package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.DcbApplicationConformance;
import java.util.Map;

class InMemoryDcbApplicationTest extends DcbApplicationConformance {
    @Override
    protected Map<String, String> env() {
        return Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory");
    }
}
