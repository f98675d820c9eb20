package io.eventsourcing.jpa;

import java.util.Map;
import java.util.UUID;

/** Transactions with the caller's entities on H2. */
class H2JpaTransactionTest extends JpaTransactions {
    private final String url = "jdbc:h2:mem:jpa-tx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", url);
    }

    @Override
    void emptyDatabase() {}
}
