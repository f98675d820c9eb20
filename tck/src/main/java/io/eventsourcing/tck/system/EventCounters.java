package io.eventsourcing.tck.system;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;

/**
 * The materialised view of the projection suite: how many accounts were opened and how many other
 * bank account events happened. Each increment raises the tracking mark in the same transaction, so
 * the counts and the mark never disagree. pyeventsourcing's {@code EventCountersInterface}. A backend
 * implements it on its storage (a table and its tracking recorder, in one transaction) to run
 * {@link io.eventsourcing.tck.ProjectionRunnerConformance}.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventCounters extends TrackingRecorder {

    /**
     * Adds one to the created count and records {@code tracking}, atomically.
     *
     * @throws IntegrityException if the tracking position is recorded already; the count is unchanged
     */
    void incrementCreated(Tracking tracking);

    /**
     * Adds one to the other count and records {@code tracking}, atomically.
     *
     * @throws IntegrityException if the tracking position is recorded already; the count is unchanged
     */
    void incrementOther(Tracking tracking);

    /** How many creation events were counted. */
    long created();

    /** How many other events were counted. */
    long other();
}
