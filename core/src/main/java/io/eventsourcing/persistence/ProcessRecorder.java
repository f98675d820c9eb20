package io.eventsourcing.persistence;

import java.util.List;

/**
 * An {@link ApplicationRecorder} and {@link TrackingRecorder} that records a follower's new events and
 * its tracking position in one atomic step, so each upstream event is processed exactly once.
 *
 * <p>Implementations are thread-safe.
 */
public interface ProcessRecorder extends ApplicationRecorder, TrackingRecorder {

    /**
     * Records the events and raises the tracking mark, atomically: both or, on any failure, neither.
     *
     * @param events the new events (may be empty)
     * @param tracking the upstream position these events are the result of
     * @return the notification ids given to the events, in order
     * @throws IntegrityException if an event's version is already recorded or the tracking id is not
     *     above the current mark; nothing is stored
     */
    List<Long> insertEvents(List<StoredEvent> events, Tracking tracking);

    @Override
    default void close() {}
}
