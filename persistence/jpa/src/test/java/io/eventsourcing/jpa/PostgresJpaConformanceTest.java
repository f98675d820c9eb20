package io.eventsourcing.jpa;

import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The conformance kit on PostgreSQL ({@code es_jpa}, public schema emptied before every test). */
class PostgresJpaConformanceTest extends JpaConformance {
    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", TestDatabases.POSTGRES_URL, "JDBC_USER",
                TestDatabases.POSTGRES_USER);
    }

    @Override
    protected void prepare() {
        TestDatabases.resetPostgres();
    }

    /** The DCB races across processes, on the same database. */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @Override
        protected Map<String, String> env() {
            return PostgresJpaConformanceTest.this.env();
        }
    }
}
