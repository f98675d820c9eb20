package io.eventsourcing.examples.projections;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.Projection;

/** Counts every event of an application by its type's simple name ({@code Registered}, {@code TrickAdded}). */
// tag::event-counting[]
public class EventCounting extends Projection<EventCounters> {
    public EventCounting(EventCounters view) { super(view); }

    @Override public void process(DomainEvent event, Tracking tracking) {
        view().increment(event.payload().getClass().getSimpleName(), tracking);
    }
}
// end::event-counting[]
