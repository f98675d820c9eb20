package io.eventsourcing.application;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An operation of an application whose start and end {@link ApplicationObserver}s are told of, for
 * tracing: a save, a get, or a process application's processing of an upstream event.
 */
public sealed interface ApplicationOperation {
    /**
     * A save of aggregates' pending events (also a process application's recording of a processed event's
     * results, inside its {@link Process}).
     *
     * @param aggregateTypes the aggregates' classes, in the order given
     * @param aggregateIds the aggregates' ids, in the same order
     * @param events the number of pending events to record
     */
    record Save(List<Class<?>> aggregateTypes, List<UUID> aggregateIds, int events) implements ApplicationOperation {
        /** Copies the lists. */
        public Save {
            aggregateTypes = List.copyOf(aggregateTypes);
            aggregateIds = List.copyOf(aggregateIds);
        }
    }

    /**
     * A get of an aggregate from the repository, from its cache or the store.
     *
     * @param aggregateId the id asked for
     * @param version the version asked for, or null for the current one
     */
    record Get(UUID aggregateId, @Nullable Long version) implements ApplicationOperation {}

    /**
     * A process application's processing of one upstream event: its policy and the recording of the
     * result with the upstream position.
     *
     * @param leader the upstream application's name
     * @param position the event's notification id in the upstream log
     * @param eventType the event's payload class
     */
    record Process(String leader, long position, Class<?> eventType) implements ApplicationOperation {}
}
