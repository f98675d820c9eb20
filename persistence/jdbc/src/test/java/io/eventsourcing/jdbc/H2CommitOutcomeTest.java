package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.CommitOutcomeConformance;
import java.util.UUID;

/** Lost commits on H2, a new in-memory database per test (kept open while the test's connections come and go). */
class H2CommitOutcomeTest extends CommitOutcomeConformance {
    private final String url = "jdbc:h2:mem:faulty" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Override
    protected String url() {
        return url;
    }
}
