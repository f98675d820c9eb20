package io.eventsourcing.postgres;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import java.util.Map;

/** The whole conformance kit on PostgreSQL ({@code PERSISTENCE_MODULE=postgres}) with tables in a named schema ({@code POSTGRES_SCHEMA}), dropped before every test. */
class PostgresNamedSchemaConformanceTest extends BackendConformance {

    @Override
    protected void prepare() {
        PostgresTestDatabase.reset("es_named");
    }

    @Override
    protected Map<String, String> env() {
        return PostgresTestDatabase.env(Map.of("POSTGRES_SCHEMA", "es_named"));
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return PostgresFactory.class;
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 1_000;
    }
}
