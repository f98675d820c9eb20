package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import io.eventsourcing.jdbc.testkit.DcbTransactionConformance;
import java.util.Map;
import org.junit.jupiter.api.Nested;

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

    /** A DCB application's decisions and appends in the same transactions. */
    @Nested
    class Dcb extends DcbTransactionConformance {
        @Override
        protected Map<String, String> env() {
            return PostgresTransactionTest.this.env();
        }

        @Override
        protected String customersTable() {
            return PostgresTransactionTest.this.customersTable();
        }
    }
}
