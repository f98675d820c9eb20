package io.eventsourcing.jpa;

import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
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
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit on {@code PERSISTENCE_MODULE=jpa}: the recorders' suites with plain calls
 * (each the JDBC recorder's call, committed by itself) and, inherited, with every call in a transaction
 * block; the factory's suite; the application's suite.
 */
abstract class JpaConformance extends JpaRecorderConformance {

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
            return JpaConformance.this.env();
        }

        @Override
        protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
            return JpaFactory.class;
        }
    }

    @Nested
    class Application extends ApplicationConformance {
        @Override
        protected Map<String, String> env() {
            return JpaConformance.this.env();
        }
    }
}
