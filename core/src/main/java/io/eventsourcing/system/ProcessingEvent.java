package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.persistence.Tracking;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ProcessApplication}'s policy produces for one upstream event: the aggregates it
 * changed, recorded together with the upstream position ({@link #tracking()}) in one transaction.
 *
 * <p>Not thread-safe: it belongs to the thread processing the event.
 */
public final class ProcessingEvent {
    private final Tracking tracking;
    private final List<Aggregate<?>> aggregates = new ArrayList<>();

    /** @param tracking the upstream application and notification id being processed */
    public ProcessingEvent(Tracking tracking) {
        this.tracking = requireNonNull(tracking, "tracking");
    }

    /** The upstream position being processed. */
    public Tracking tracking() {
        return tracking;
    }

    /** Collects aggregates whose pending events are to be recorded with the tracking position. */
    public void collect(Aggregate<?>... changed) {
        for (Aggregate<?> aggregate : changed) {
            requireNonNull(aggregate, "aggregate");
            if (aggregates.stream().noneMatch(a -> a == aggregate)) {
                aggregates.add(aggregate);
            }
        }
    }

    /** The aggregates collected so far, in order. */
    public List<Aggregate<?>> aggregates() {
        return List.copyOf(aggregates);
    }
}
