package io.eventsourcing.jpa;

import io.eventsourcing.tck.DcbRecorderProcessConformance;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit, and the JPA recorder suites with every call in a transaction block, on MariaDB ({@code es_jpa}, dropped and
 * created again before every test).
 */
class MariaDbJpaConformanceTest extends JpaConformance {
    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", TestDatabases.MARIADB_URL, "JDBC_USER",
                TestDatabases.MARIADB_USER);
    }

    @Override
    protected void prepare() {
        TestDatabases.resetMariaDb();
    }

    /** The DCB races across processes, on the same database. */
    @Nested
    class DcbAcrossProcesses extends DcbRecorderProcessConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbJpaConformanceTest.this.env();
        }
    }
}
