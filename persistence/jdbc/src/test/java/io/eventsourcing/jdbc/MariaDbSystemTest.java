package io.eventsourcing.jdbc;

import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.Databases;
import io.eventsourcing.tck.RunnerConformance;
import io.eventsourcing.tck.RunnerRestartConformance;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The runner suites on MariaDB through {@code PERSISTENCE_MODULE=jdbc}, every application's tables in
 * the database {@code es_system}, dropped and created again before every test.
 */
class MariaDbSystemTest {
    private static final String DATABASE = "es_system";

    @BeforeEach
    void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(MariaDbConformanceTest.SERVER, "root", "", "DROP DATABASE IF EXISTS " + DATABASE,
                "CREATE DATABASE " + DATABASE);
    }

    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", MariaDbConformanceTest.SERVER + DATABASE,
                "JDBC_USER", "root");
    }

    @Nested
    class SingleThreaded extends RunnerConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbSystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new SingleThreadedRunner(system, env);
        }
    }

    @Nested
    class MultiThreaded extends RunnerConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbSystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new MultiThreadedRunner(system, env);
        }
    }

    @Nested
    class SingleThreadedRestart extends RunnerRestartConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbSystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new SingleThreadedRunner(system, env);
        }
    }

    @Nested
    class MultiThreadedRestart extends RunnerRestartConformance {
        @Override
        protected Map<String, String> env() {
            return MariaDbSystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new MultiThreadedRunner(system, env);
        }
    }
}
