package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import io.eventsourcing.jdbc.testkit.DcbTransactionConformance;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;

/** Transactions outside the application on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per test. */
class H2TransactionTest extends ApplicationTransactionConformance {
    private final String url = "jdbc:h2:mem:tx" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }

    /** A DCB application's decisions and appends in the same transactions. */
    @Nested
    class Dcb extends DcbTransactionConformance {
        @Override
        protected Map<String, String> env() {
            return H2TransactionTest.this.env();
        }

        @Override
        protected String customersTable() {
            return H2TransactionTest.this.customersTable();
        }
    }
}
