package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.testkit.JdbcEventCounters;
import io.eventsourcing.tck.ProjectionRunnerConformance;
import io.eventsourcing.tck.system.EventCounters;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The projection suite on PostgreSQL, with the bank accounts and the event counters (a table beside
 * the tracking table) in the schema {@code es_projection}, dropped before every test.
 */
class PostgresProjectionRunnerTest extends ProjectionRunnerConformance {
    private static final String SCHEMA = "es_projection";

    @BeforeEach
    void emptySchema() {
        PostgresTestDatabase.reset(SCHEMA);
    }

    @Override
    protected Map<String, String> env() {
        return PostgresTestDatabase.env(Map.of("POSTGRES_SCHEMA", SCHEMA));
    }

    @Override
    protected EventCounters createView() {
        return new JdbcEventCounters(env());
    }
}
