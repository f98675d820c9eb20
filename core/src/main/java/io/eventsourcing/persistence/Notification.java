package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.UUID;

/**
 * A stored event with its position in the application's sequence of all events: the notification id,
 * unique, from 1, increasing in commit order, without gaps. Immutable: the bytes are copied in and out
 * (the library's own code hands over and reads them without copies, see OwnedBytes).
 *
 * @param id the notification id
 * @param originatorId the aggregate id
 * @param originatorVersion the event's version within the aggregate
 * @param topic the payload's topic
 * @param state the encoded event
 */
public record Notification(long id, UUID originatorId, long originatorVersion, String topic, byte[] state) {

    /** @throws NullPointerException if any component is null */
    public Notification {
        requireNonNull(originatorId, "originatorId");
        requireNonNull(topic, "topic");
        state = OwnedBytes.adopt(requireNonNull(state, "state"));
    }

    /** The notification for a stored event at a position. */
    public static Notification of(long id, StoredEvent event) {
        return OwnedBytes.notification(id, event.originatorId(), event.originatorVersion(), event.topic(),
                StoredEvent.sharedState(event));
    }

    /** A copy of the encoded event. */
    @Override
    public byte[] state() {
        return state.clone();
    }

    /** The stored event without its position. */
    public StoredEvent toStoredEvent() {
        return OwnedBytes.storedEvent(originatorId, originatorVersion, topic, state);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification other
                && id == other.id
                && originatorVersion == other.originatorVersion
                && originatorId.equals(other.originatorId)
                && topic.equals(other.topic)
                && Arrays.equals(state, other.state);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + originatorId.hashCode();
    }

    @Override
    public String toString() {
        return "Notification[" + id + ": " + originatorId + ":" + originatorVersion + ", topic=" + topic
                + ", state=" + StoredEvent.Bytes.describe(state) + "]";
    }
}
