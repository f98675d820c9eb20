package io.eventsourcing.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names an observation of an application's operation and gives its key values. Implement it, or extend
 * {@link DefaultEventSourcingObservationConvention}, to add key values of your own, and pass it to
 * {@link EventSourcingObservations}.
 */
public interface EventSourcingObservationConvention extends ObservationConvention<ApplicationOperationContext> {
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ApplicationOperationContext;
    }
}
