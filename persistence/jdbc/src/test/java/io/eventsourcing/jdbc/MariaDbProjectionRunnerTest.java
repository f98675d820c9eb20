package io.eventsourcing.jdbc;

import io.eventsourcing.jdbc.testkit.JdbcEventCounters;
import io.eventsourcing.tck.Databases;
import io.eventsourcing.tck.ProjectionRunnerConformance;
import io.eventsourcing.tck.system.EventCounters;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The projection suite on MariaDB through {@code PERSISTENCE_MODULE=jdbc}, with the bank accounts and
 * the event counters in the database {@code es_projection}, dropped and created again before every test.
 */
class MariaDbProjectionRunnerTest extends ProjectionRunnerConformance {
    private static final String DATABASE = "es_projection";

    @BeforeEach
    void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(MariaDbConformanceTest.SERVER, "root", "", "DROP DATABASE IF EXISTS " + DATABASE,
                "CREATE DATABASE " + DATABASE);
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", MariaDbConformanceTest.SERVER + DATABASE,
                "JDBC_USER", "root");
    }

    @Override
    protected EventCounters createView() {
        return new JdbcEventCounters(env());
    }
}
