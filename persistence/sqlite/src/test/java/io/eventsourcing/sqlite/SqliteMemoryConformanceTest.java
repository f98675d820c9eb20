package io.eventsourcing.sqlite;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import java.util.Map;
import java.util.UUID;

/** The whole conformance kit on a shared-cache in-memory SQLite database, a new one for every test. */
class SqliteMemoryConformanceTest extends BackendConformance {
    private final String database = "file:tck" + UUID.randomUUID().toString().replace("-", "")
            + "?mode=memory&cache=shared";

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", database);
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return SqliteFactory.class;
    }
}
