package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.system.Projection;
import java.util.function.Consumer;

/**
 * What a projection did with the event of a {@link ProjectionFixture}, and the expectations on it. Each
 * expectation returns the outcome, so several can follow each other; a failed one throws an
 * {@link AssertionError} naming the scenario.
 *
 * @param <V> the view
 */
public final class ProjectionOutcome<V extends TrackingRecorder> {
    private final Outcome outcome;
    private final Projection<V> projection;
    private final DomainEvent event;
    private final Tracking tracking;
    private final boolean processed;

    ProjectionOutcome(Outcome outcome, Projection<V> projection, DomainEvent event, Tracking tracking,
            boolean processed) {
        this.outcome = outcome;
        this.projection = projection;
        this.event = event;
        this.tracking = tracking;
        this.processed = processed;
    }

    /**
     * Checks the view after the event, with its queries and the caller's assertions.
     *
     * @throws AssertionError if a check fails, naming the scenario; or if processing threw
     */
    public ProjectionOutcome<V> then(Consumer<? super V> checks) {
        requireNonNull(checks, "checks");
        outcome.check(() -> checks.accept(projection.view()));
        return this;
    }

    /**
     * Expects processing the event to have thrown an exception of the type, and returns it.
     *
     * @throws AssertionError if it threw nothing, or something else
     */
    public <X extends Throwable> X thenThrows(Class<X> type) {
        return outcome.expectThrown(type);
    }

    /**
     * Expects the view to have recorded the event's position with its change, so that the same event at
     * the same position is refused with an {@link IntegrityException} and leaves the position as it was:
     * the exactly-once contract of a {@link Projection}. It processes the event a second time, so check
     * the view with {@link #then} before.
     *
     * @throws AssertionError if the event was not processed, or processing it again was not refused
     */
    public ProjectionOutcome<V> thenProcessedOnce() {
        outcome.requireRecorded("the event to be processed once");
        if (!processed) {
            throw new AssertionError(outcome.scenario() + ": the event was not processed, so it cannot be refused again");
        }
        V view = projection.view();
        long mark = view.maxTrackingId(tracking.applicationName());
        if (mark < tracking.notificationId()) {
            throw new AssertionError(outcome.scenario() + ": the view did not record the event's position " + tracking
                    + " (its mark is " + mark + "): record it with the change, in one transaction");
        }
        try {
            projection.process(event, tracking);
        } catch (IntegrityException e) {
            return this;
        }
        throw new AssertionError(outcome.scenario() + ": processing the event again at its position " + tracking
                + " was not refused: the view must refuse, with an IntegrityException, a position it has recorded");
    }
}
