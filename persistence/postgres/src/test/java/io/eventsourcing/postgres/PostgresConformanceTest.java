package io.eventsourcing.postgres;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.BackendConformance;
import io.eventsourcing.tck.MultiProcessConformance;
import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The whole conformance kit on PostgreSQL ({@code PERSISTENCE_MODULE=postgres}) with tables in the default schema, emptied before every test. */
class PostgresConformanceTest extends BackendConformance {

    @Override
    protected void prepare() {
        PostgresTestDatabase.reset(PostgresTestDatabase.DEFAULT_SCHEMA);
    }

    @Override
    protected Map<String, String> env() {
        return PostgresTestDatabase.env(Map.of());
    }

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return PostgresFactory.class;
    }

    @Override
    protected int nonInterleavingBatchSize() {
        return 1_000;
    }

    /** Writers in four processes at once. */
    @Nested
    class MultiProcess extends MultiProcessConformance {
        @Override
        protected Map<String, String> env() {
            return PostgresConformanceTest.this.env();
        }

        @Override
        protected void prepare() {
            PostgresConformanceTest.this.prepare();
        }
    }

    /** The DCB races across processes, on the same database. */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @Override
        protected Map<String, String> env() {
            return PostgresConformanceTest.this.env();
        }
    }
}
