package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an application's events into a materialised view: a table of counts, a search index. The
 * view is a {@link TrackingRecorder}; for each event {@link #process} must write the view's change
 * and the tracking position in one transaction, so after a crash the view is neither missing an
 * event nor counting one twice. A {@link ProjectionRunner} feeds it.
 *
 * @param <V> the view
 */
public abstract class Projection<V extends TrackingRecorder> {
    private final V view;

    /** @param view the materialised view, which records its own tracking position */
    protected Projection(V view) {
        this.view = requireNonNull(view, "view");
    }

    /** The view. */
    public final V view() {
        return view;
    }

    /** The projection's name: its class's simple name unless overridden. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The event payload types the projection handles; only those are read. Empty (the default): all. */
    public Set<Class<?>> types() {
        return Set.of();
    }

    /** The topics of {@link #types()}, or empty for all. */
    public final Set<String> topics() {
        return types().stream().map(Topics::of).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Applies one event to the view and records {@code tracking} with it, atomically.
     *
     * @throws io.eventsourcing.persistence.IntegrityException if the tracking position is recorded
     *     already (the view must then be unchanged)
     */
    public abstract void process(DomainEvent event, Tracking tracking);
}
