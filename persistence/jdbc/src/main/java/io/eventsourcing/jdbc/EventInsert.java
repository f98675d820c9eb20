package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One caller's insert in a group (see {@link GroupWriter}): events to record atomically and, for a
 * process recorder, the tracking position to record with them.
 *
 * @param events the events, in order; may be empty when there is a tracking position
 * @param tracking the tracking position, or null
 */
public record EventInsert(List<StoredEvent> events, @Nullable Tracking tracking) {

    /** @throws NullPointerException if events is null */
    public EventInsert {
        events = List.copyOf(requireNonNull(events, "events"));
    }
}
