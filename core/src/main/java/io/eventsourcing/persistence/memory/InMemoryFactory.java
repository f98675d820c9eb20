package io.eventsourcing.persistence.memory;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.InMemoryDcbRecorder;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.TrackingRecorder;

/**
 * The in-memory backend ({@code PERSISTENCE_MODULE=memory}, alias {@code popo}): nothing survives the
 * process. Each method returns a new, separate store.
 *
 * <p>Thread-safe.
 */
public final class InMemoryFactory extends InfrastructureFactory {

    /** @param environment the application's settings */
    public InMemoryFactory(Environment environment) {
        super(environment);
    }

    @Override
    public AggregateRecorder aggregateRecorder(String purpose) {
        return new InMemoryAggregateRecorder();
    }

    @Override
    public ApplicationRecorder applicationRecorder() {
        return new InMemoryApplicationRecorder();
    }

    @Override
    public TrackingRecorder trackingRecorder() {
        return new InMemoryTrackingRecorder();
    }

    @Override
    public ProcessRecorder processRecorder() {
        return new InMemoryProcessRecorder();
    }

    @Override
    public DcbRecorder dcbRecorder() {
        return new InMemoryDcbRecorder();
    }
}
