package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import java.util.Map;
import java.util.UUID;

/** The whole conformance kit on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per test. */
class H2ConformanceTest extends BackendConformance {
    private final String url = "jdbc:h2:mem:tck" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return JdbcFactory.class;
    }

    /** Two batches of 2,000 keep the second writer's wait well inside H2's lock timeout on a loaded machine. */
    @Override
    protected int nonInterleavingBatchSize() {
        return 2_000;
    }
}
