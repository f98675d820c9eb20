package io.eventsourcing.persistence;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Stores and selects the events of aggregates. The snapshot store is one too.
 *
 * <p>Implementations are thread-safe.
 */
public interface AggregateRecorder extends AutoCloseable {

    /**
     * Records events atomically: all of them or, on any failure, none.
     *
     * @param events the events, in any order; an empty list does nothing
     * @return the notification ids given to the events, in the order of {@code events}, where this
     *     recorder gives them ({@link ApplicationRecorder}); otherwise an empty list
     * @throws IntegrityException if an event's (originator id, version) is already recorded or appears
     *     twice in {@code events}; nothing is stored
     * @throws PersistenceException if the store fails; nothing is stored
     */
    List<Long> insertEvents(List<StoredEvent> events);

    /**
     * The events of one aggregate, by version.
     *
     * @param originatorId the aggregate id
     * @param gt only versions greater than this, or all if null
     * @param lte only versions less than or equal to this, or all if null
     * @param desc newest first if true, oldest first if false
     * @param limit at most this many, or all if null
     * @return the selected events; empty if the aggregate has none
     */
    List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit);

    /** All events of one aggregate, oldest first. */
    default List<StoredEvent> selectEvents(UUID originatorId) {
        return selectEvents(originatorId, null, null, false, null);
    }

    /** Releases the recorder's resources. Its factory closes it; the default does nothing. */
    @Override
    default void close() {}
}
