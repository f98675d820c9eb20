package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

/**
 * An event with its position in the store: unique, from 1, increasing in commit order, without gaps.
 *
 * @param position the event's position
 * @param event the event
 */
public record DcbSequencedEvent(long position, DcbEvent event) {

    /**
     * @throws NullPointerException if the event is null
     * @throws IllegalArgumentException if the position is below 1
     */
    public DcbSequencedEvent {
        requireNonNull(event, "event");
        if (position < 1) {
            throw new IllegalArgumentException("a position starts at 1, was " + position);
        }
    }

    /** The event's type. */
    public String type() {
        return event.type();
    }
}
