package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.GroupCommitConformance;
import java.util.Map;
import java.util.UUID;

/** Group commit on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per test. */
class H2GroupCommitTest extends GroupCommitConformance {
    private final String url = "jdbc:h2:mem:grouped" + UUID.randomUUID().toString().replace("-", "")
            + ";LOCK_TIMEOUT=20000";

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }
}
