package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.RunnerConformance;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The runner suite on the in-memory backend, where each application keeps its own store and
 * followers read their leaders through the leader applications. It does not run the restart suite:
 * an in-memory store does not outlive its runner.
 */
class InMemoryRunnerTest {
    static Map<String, String> env() {
        return Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory");
    }

    @Nested
    class SingleThreaded extends RunnerConformance {
        @Override
        protected Map<String, String> env() {
            return InMemoryRunnerTest.env();
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
            return InMemoryRunnerTest.env();
        }

        @Override
        protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
            return new MultiThreadedRunner(system, env);
        }
    }
}
