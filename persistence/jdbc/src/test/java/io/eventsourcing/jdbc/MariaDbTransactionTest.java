package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import io.eventsourcing.jdbc.testkit.DcbTransactionConformance;
import io.eventsourcing.tck.Databases;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * Transactions outside the application on MariaDB through {@code PERSISTENCE_MODULE=jdbc}, in a database
 * of their own that is dropped and created again before every test.
 */
class MariaDbTransactionTest extends ApplicationTransactionConformance {
    private static final String DATABASE = "es_tx";

    @Override
    protected void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(MariaDbConformanceTest.SERVER, "root", "", "DROP DATABASE IF EXISTS " + DATABASE,
                "CREATE DATABASE " + DATABASE);
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", MariaDbConformanceTest.SERVER + DATABASE,
                "JDBC_USER", "root");
    }

    /** A DCB application's decisions and appends in the same transactions. */
    @Nested
    class Dcb extends DcbTransactionConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbTransactionTest.this.env();
        }

        @Override
        protected String customersTable() {
            return MariaDbTransactionTest.this.customersTable();
        }
    }
}
