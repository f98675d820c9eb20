package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.tck.AggregateRecorderConformance;
import io.eventsourcing.tck.ApplicationConformance;
import io.eventsourcing.tck.ApplicationRecorderConformance;
import io.eventsourcing.tck.InfrastructureFactoryConformance;
import io.eventsourcing.tck.ProcessRecorderConformance;
import io.eventsourcing.tck.TrackingRecorderConformance;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.jspecify.annotations.Nullable;

/** The whole conformance kit on H2 through {@code PERSISTENCE_MODULE=jdbc}, a new in-memory database per test. */
class H2ConformanceTest {
    private final String url = "jdbc:h2:mem:tck" + UUID.randomUUID().toString().replace("-", "");

    Map<String, String> env() {
        return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url);
    }

    private @Nullable InfrastructureFactory factory;

    /** The test's factory, made on first use (after the database is prepared) and closed after the test. */
    InfrastructureFactory factory() {
        if (factory == null) {
            factory = InfrastructureFactory.construct(Environment.isolated("Tck", env()));
        }
        return factory;
    }

    @AfterEach
    void closeFactory() {
        if (factory != null) {
            factory.close();
        }
    }

    @Nested
    class Aggregates extends AggregateRecorderConformance {
        @Override
        protected AggregateRecorder createRecorder() {
            return factory().aggregateRecorder("snapshots");
        }
    }

    @Nested
    class Applications extends ApplicationRecorderConformance {
        @Override
        protected ApplicationRecorder createRecorder() {
            return factory().applicationRecorder();
        }

        /** Two batches of 2,000 keep the second writer's wait well inside H2's lock timeout on a loaded machine. */
        @Override
        protected int nonInterleavingBatchSize() {
            return 2_000;
        }
    }

    @Nested
    class Tracking extends TrackingRecorderConformance {
        @Override
        protected TrackingRecorder createRecorder() {
            return factory().trackingRecorder();
        }
    }

    @Nested
    class Processes extends ProcessRecorderConformance {
        @Override
        protected ProcessRecorder createRecorder() {
            return factory().processRecorder();
        }
    }

    @Nested
    class Factory extends InfrastructureFactoryConformance {
        @Override
        protected Map<String, String> env() {
            return H2ConformanceTest.this.env();
        }

        @Override
        protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
            return JdbcFactory.class;
        }
    }

    @Nested
    class Application extends ApplicationConformance {
        @Override
        protected Map<String, String> env() {
            return H2ConformanceTest.this.env();
        }
    }
}
