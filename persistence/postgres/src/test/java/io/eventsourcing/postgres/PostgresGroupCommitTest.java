package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.testkit.GroupCommitConformance;
import java.util.Map;

/** Group commit on PostgreSQL, whole groups in one round trip, in a schema dropped before every test. */
class PostgresGroupCommitTest extends GroupCommitConformance {
    private static final String SCHEMA = "es_grouped";

    @Override
    protected void emptyDatabase() {
        PostgresTestDatabase.reset(SCHEMA);
    }

    @Override
    protected Map<String, String> env() {
        return PostgresTestDatabase.env(Map.of("POSTGRES_SCHEMA", SCHEMA));
    }
}
