package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.ApplicationTransactionConformance;
import io.eventsourcing.tck.Databases;
import java.util.Map;

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
}
