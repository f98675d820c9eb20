package io.eventsourcing.sqlite;

import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.RunnerConformance;
import io.eventsourcing.tck.RunnerRestartConformance;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner suites on a SQLite database file, a new file for every test: every application of the
 * system keeps its tables in it, so the restart suite runs too.
 */
class SqliteSystemTest {
    @TempDir
    static Path directory;

    private final String file = "system-" + UUID.randomUUID() + ".db";

    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve(file).toString());
    }

    @Nested
    class SingleThreaded extends RunnerConformance {
        @Override
        protected Map<String, String> env() {
            return SqliteSystemTest.this.env();
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
            return SqliteSystemTest.this.env();
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
            return SqliteSystemTest.this.env();
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
            return SqliteSystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new MultiThreadedRunner(system, env);
        }
    }
}
