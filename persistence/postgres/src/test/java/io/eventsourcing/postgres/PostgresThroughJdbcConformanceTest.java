package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import java.util.Map;

/**
 * The whole conformance kit on PostgreSQL through the generic {@code PERSISTENCE_MODULE=jdbc} with a
 * {@code JDBC_URL} (the dialect found by ServiceLoader) and {@code JDBC_SCHEMA}, emptied before every test.
 */
class PostgresThroughJdbcConformanceTest extends BackendConformance {

    @Override
    protected void prepare() {
        PostgresTestDatabase.reset("es_jdbc");
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", PostgresTestDatabase.URL, "JDBC_USER",
                PostgresTestDatabase.USER, "JDBC_SCHEMA", "es_jdbc");
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return JdbcFactory.class;
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 1_000;
    }
}
