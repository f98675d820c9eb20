package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import java.util.Map;
import java.util.UUID;

/** Transactions outside the application on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per test. */
class H2TransactionTest extends ApplicationTransactionConformance {
    private final String url = "jdbc:h2:mem:tx" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }
}
