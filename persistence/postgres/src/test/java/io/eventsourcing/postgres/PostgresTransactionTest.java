package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import java.util.Map;

/**
 * Transactions outside the application on PostgreSQL ({@code PERSISTENCE_MODULE=postgres}), with the
 * application's tables and the caller's table in a schema of their own, dropped before every test.
 */
class PostgresTransactionTest extends ApplicationTransactionConformance {
    private static final String SCHEMA = "es_tx";

    @Override
    protected void emptyDatabase() {
        PostgresTestDatabase.reset(SCHEMA);
    }

    @Override
    protected Map<String, String> env() {
        return PostgresTestDatabase.env(Map.of("POSTGRES_SCHEMA", SCHEMA));
    }

    @Override
    protected String customersTable() {
        return SCHEMA + ".customers";
    }
}
