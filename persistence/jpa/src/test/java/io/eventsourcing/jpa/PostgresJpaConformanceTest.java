package io.eventsourcing.jpa;

import java.util.Map;

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
}
