package io.eventsourcing.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of one thing that happened to an aggregate: which aggregate ({@code originatorId}),
 * at which position in its sequence ({@code originatorVersion}, the first event is version 1), when
 * (a UTC {@code timestamp}), and what ({@code payload}, a user record such as {@code Dog.Registered}).
 *
 * <p>Immutable and thread-safe as long as the payload is (records of immutable values are).
 *
 * @param originatorId the id of the aggregate the event belongs to
 * @param originatorVersion the aggregate's version after this event, starting at 1
 * @param timestamp when the event was triggered, in UTC
 * @param payload the user's event record
 */
public record DomainEvent(UUID originatorId, long originatorVersion, Instant timestamp, Object payload) {

    /**
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if {@code originatorVersion} is less than 1
     */
    public DomainEvent {
        requireNonNull(originatorId, "originatorId");
        requireNonNull(timestamp, "timestamp");
        requireNonNull(payload, "payload");
        if (originatorVersion < 1) {
            throw new IllegalArgumentException(
                    "originatorVersion must be at least 1, was " + originatorVersion + " for " + originatorId);
        }
    }

    /**
     * The payload cast to the given type.
     *
     * @throws ClassCastException if the payload is of another type
     */
    public <T> T payload(Class<T> type) {
        return type.cast(payload);
    }
}
