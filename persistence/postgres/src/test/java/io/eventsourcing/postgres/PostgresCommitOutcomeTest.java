package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.testkit.CommitOutcomeConformance;

/** Lost commits on PostgreSQL (a whole group in one round trip), in a schema dropped before every test. */
class PostgresCommitOutcomeTest extends CommitOutcomeConformance {
    private static final String SCHEMA = "es_faulty";

    @Override
    protected void emptyDatabase() {
        PostgresTestDatabase.reset(SCHEMA);
    }

    @Override
    protected String url() {
        return PostgresTestDatabase.URL + "?currentSchema=" + SCHEMA;
    }

    @Override
    protected String user() {
        return PostgresTestDatabase.USER;
    }
}
