package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.CommitOutcomeConformance;
import io.eventsourcing.tck.Databases;

/** Lost commits on MariaDB, in a database dropped and created before every test. */
class MariaDbCommitOutcomeTest extends CommitOutcomeConformance {
    private static final String DATABASE = "es_faulty";

    @Override
    protected void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(MariaDbConformanceTest.SERVER, "root", "", "DROP DATABASE IF EXISTS " + DATABASE,
                "CREATE DATABASE " + DATABASE);
    }

    @Override
    protected String url() {
        // A supplied data source must give READ COMMITTED connections, as the library's own pools do.
        return MariaDbConformanceTest.SERVER + DATABASE + "?sessionVariables=tx_isolation='READ-COMMITTED'";
    }

    @Override
    protected String user() {
        return "root";
    }
}
