package io.eventsourcing.jpa;

import java.util.Map;

/** Transactions with the caller's entities on PostgreSQL. */
class PostgresJpaTransactionTest extends JpaTransactions {
    @Override
    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", TestDatabases.POSTGRES_URL, "JDBC_USER",
                TestDatabases.POSTGRES_USER);
    }

    @Override
    void emptyDatabase() {
        TestDatabases.resetPostgres();
    }
}
