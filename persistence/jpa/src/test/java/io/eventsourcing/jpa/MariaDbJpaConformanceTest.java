package io.eventsourcing.jpa;

import java.util.Map;

/**
 * The JPA recorder suites (every call in a transaction block) on MariaDB ({@code es_jpa}, dropped and
 * created again before every test).
 */
class MariaDbJpaConformanceTest extends JpaRecorderConformance {
    @Override
    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", TestDatabases.MARIADB_URL, "JDBC_USER",
                TestDatabases.MARIADB_USER);
    }

    @Override
    void emptyDatabase() {
        TestDatabases.resetMariaDb();
    }
}
