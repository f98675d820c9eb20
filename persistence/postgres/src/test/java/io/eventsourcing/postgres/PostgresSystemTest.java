package io.eventsourcing.postgres;

import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.RunnerConformance;
import io.eventsourcing.tck.RunnerRestartConformance;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The runner suites on PostgreSQL, every application's tables in the schema {@code es_system}, dropped
 * before every test. The multi-threaded runner's followers are woken by the leaders' inserts, and by
 * LISTEN/NOTIFY for inserts made elsewhere.
 */
class PostgresSystemTest {
    private static final String SCHEMA = "es_system";

    @BeforeEach
    void emptySchema() {
        PostgresTestDatabase.reset(SCHEMA);
    }

    Map<String, String> env() {
        return PostgresTestDatabase.env(Map.of("POSTGRES_SCHEMA", SCHEMA));
    }

    @Nested
    class SingleThreaded extends RunnerConformance {
        @Override
        protected Map<String, String> env() {
            return PostgresSystemTest.this.env();
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
            return PostgresSystemTest.this.env();
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
            return PostgresSystemTest.this.env();
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
            return PostgresSystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new MultiThreadedRunner(system, env);
        }
    }
}
