package io.eventsourcing.tck;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The whole persistence kit for a backend selected by settings: the four recorder suites and the DCB
 * recorder suite on recorders from its factory, the factory suite, the application suite and the DCB
 * application suite, as nested groups. The DCB races across processes ({@link DcbRecorderProcessConformance}) are nested by the
 * backends whose store processes share. A backend's test
 * gives its settings and factory class, and, for a database that outlives a test, empties it in
 * {@link #prepare()}:
 *
 * <pre>{@code
 * class H2ConformanceTest extends BackendConformance {
 *     private final String url = "jdbc:h2:mem:" + UUID.randomUUID();
 *     @Override protected Map<String, String> env() { return Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url); }
 *     @Override protected Class<? extends InfrastructureFactory> expectedFactoryClass() { return JdbcFactory.class; }
 * }
 * }</pre>
 *
 * The recorder suites use one factory per test, made on first use after {@link #prepare()} and closed
 * after the test, for an application named {@code Tck}.
 */
public abstract class BackendConformance {
    private @Nullable InfrastructureFactory factory;

    /** For subclasses. */
    protected BackendConformance() {}

    /** The settings that select the backend, including {@code PERSISTENCE_MODULE}. */
    protected abstract Map<String, String> env();

    /** The factory class {@link #env()} selects. */
    protected abstract Class<? extends InfrastructureFactory> expectedFactoryClass();

    /** Readies an empty store before each test (drop and create a schema); the default does nothing. */
    protected void prepare() {}

    /** The batch size of the non-interleaving test; lower it for slow servers. */
    protected int nonInterleavingBatchSize() {
        return 10_000;
    }

    /** The test's factory, made on first use and closed after the test. */
    protected final InfrastructureFactory factory() {
        if (factory == null) {
            factory = InfrastructureFactory.construct(Environment.isolated("Tck", env()));
        }
        return factory;
    }

    @BeforeEach
    final void prepareStore() {
        prepare();
    }

    @AfterEach
    final void closeFactory() {
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }

    /** The aggregate recorder suite, on the snapshots recorder. */
    @Nested
    class Aggregates extends AggregateRecorderConformance {
        @Override
        protected AggregateRecorder createRecorder() {
            return factory().aggregateRecorder("snapshots");
        }
    }

    /** The application recorder suite. */
    @Nested
    class Applications extends ApplicationRecorderConformance {
        @Override
        protected ApplicationRecorder createRecorder() {
            return factory().applicationRecorder();
        }

        @Override
        protected int nonInterleavingBatchSize() {
            return BackendConformance.this.nonInterleavingBatchSize();
        }
    }

    /** The tracking recorder suite. */
    @Nested
    class Tracking extends TrackingRecorderConformance {
        @Override
        protected TrackingRecorder createRecorder() {
            return factory().trackingRecorder();
        }
    }

    /** The process recorder suite. */
    @Nested
    class Processes extends ProcessRecorderConformance {
        @Override
        protected ProcessRecorder createRecorder() {
            return factory().processRecorder();
        }
    }

    /** The DCB recorder suite. */
    @Nested
    class DcbRecorders extends DcbRecorderConformance {
        @Override
        protected DcbRecorder createRecorder() {
            return factory().dcbRecorder();
        }
    }

    /** The DCB application suite. */
    @Nested
    class DcbApplications extends DcbApplicationConformance {
        @Override
        protected Map<String, String> env() {
            return BackendConformance.this.env();
        }
    }

    /** The factory suite. */
    @Nested
    class Factory extends InfrastructureFactoryConformance {
        @Override
        protected Map<String, String> env() {
            return BackendConformance.this.env();
        }

        @Override
        protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
            return BackendConformance.this.expectedFactoryClass();
        }
    }

    /** The application suite. */
    @Nested
    class Application extends ApplicationConformance {
        @Override
        protected Map<String, String> env() {
            return BackendConformance.this.env();
        }
    }
}
