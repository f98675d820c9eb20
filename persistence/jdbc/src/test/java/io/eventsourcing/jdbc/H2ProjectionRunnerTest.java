package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.JdbcEventCounters;
import io.eventsourcing.tck.ProjectionRunnerConformance;
import io.eventsourcing.tck.system.EventCounters;
import java.util.Map;
import java.util.UUID;

/**
 * The projection suite on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per
 * test holding the bank accounts and the event counters.
 */
class H2ProjectionRunnerTest extends ProjectionRunnerConformance {
    private final String url = "jdbc:h2:mem:projection" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }

    @Override
    protected EventCounters createView() {
        return new JdbcEventCounters(env());
    }
}
