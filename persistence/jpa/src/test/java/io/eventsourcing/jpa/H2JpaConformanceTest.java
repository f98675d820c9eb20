package io.eventsourcing.jpa;

import java.util.Map;
import java.util.UUID;

/** The conformance kit on H2 (in memory), a new database for every test. */
class H2JpaConformanceTest extends JpaConformance {
    private final String url = "jdbc:h2:mem:jpa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", url);
    }

}
