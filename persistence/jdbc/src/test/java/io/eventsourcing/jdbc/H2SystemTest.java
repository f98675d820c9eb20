package io.eventsourcing.jdbc;

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
 * The runner suites on H2 through {@code PERSISTENCE_MODULE=jdbc}, in a database file of its own for
 * every test, so that the store outlives the runner and the restart suite runs too.
 */
class H2SystemTest {
    @TempDir
    static Path directory;

    private final String url = "jdbc:h2:file:" + directory.resolve("system" + UUID.randomUUID().toString()
            .replace("-", ""));

    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }

    @Nested
    class SingleThreaded extends RunnerConformance {
        @Override
        protected Map<String, String> env() {
            return H2SystemTest.this.env();
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
            return H2SystemTest.this.env();
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
            return H2SystemTest.this.env();
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
            return H2SystemTest.this.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new MultiThreadedRunner(system, env);
        }
    }
}
