package io.eventsourcing.persistence;

import java.time.Duration;

/**
 * Records how far a follower has processed each upstream application: one high-water mark per
 * upstream application, which only ever rises.
 *
 * <p>Implementations are thread-safe.
 */
public interface TrackingRecorder extends AutoCloseable {

    /**
     * Raises the mark for {@code tracking.applicationName()} to {@code tracking.notificationId()}.
     *
     * @throws IntegrityException if the id is not above the current mark
     */
    void insertTracking(Tracking tracking);

    /** The mark for an upstream application: the largest notification id processed, or 0 if none. */
    long maxTrackingId(String applicationName);

    /** Whether {@code notificationId} is at or below the mark, that is, already processed. */
    default boolean hasTrackingId(String applicationName, long notificationId) {
        return notificationId <= maxTrackingId(applicationName);
    }

    /**
     * Blocks until the mark for {@code applicationName} reaches {@code notificationId}.
     *
     * @throws WaitTimeoutException if it has not within {@code timeout}
     * @throws WaitInterruptedException if the thread is interrupted while waiting
     */
    default void wait(String applicationName, long notificationId, Duration timeout) {
        Waiting.until(() -> hasTrackingId(applicationName, notificationId), timeout,
                () -> "tracking id " + notificationId + " of " + applicationName);
    }

    /** Releases the recorder's resources. Its factory closes it; the default does nothing. */
    @Override
    default void close() {}
}
