package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.GroupCommitConformance;
import io.eventsourcing.tck.Databases;
import java.util.Map;

/** Group commit on MariaDB through {@code PERSISTENCE_MODULE=jdbc}, in a database dropped and created before every test. */
class MariaDbGroupCommitTest extends GroupCommitConformance {
    private static final String DATABASE = "es_grouped";

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
