package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.internal.PersistenceAccess;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An event as a recorder stores it: the aggregate it belongs to, its version there, the topic of its
 * payload class, and the encoded (optionally compressed and encrypted) bytes. Immutable: the bytes are
 * copied in and out (the library's own code hands over and reads them without copies, see OwnedBytes).
 *
 * @param originatorId the aggregate id
 * @param originatorVersion the event's version within the aggregate, from 1
 * @param topic the payload's topic (see {@link io.eventsourcing.domain.Topics})
 * @param state the encoded event
 */
public record StoredEvent(UUID originatorId, long originatorVersion, String topic, byte[] state) {
    static {
        PersistenceAccess.install(new InternalAccess());
    }

    /** @throws NullPointerException if any component is null */
    public StoredEvent {
        requireNonNull(originatorId, "originatorId");
        requireNonNull(topic, "topic");
        state = OwnedBytes.adopt(requireNonNull(state, "state"));
    }

    /** The bytes themselves, for the library's own code that only reads them. */
    byte[] bytesForReading() {
        return state;
    }

    /** A copy of the encoded event. */
    @Override
    public byte[] state() {
        return state.clone();
    }

    /** The encoded event itself, not a copy, for the library's code that only reads it. */
    static byte[] sharedState(StoredEvent event) {
        return event.state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredEvent other
                && originatorVersion == other.originatorVersion
                && originatorId.equals(other.originatorId)
                && topic.equals(other.topic)
                && Arrays.equals(state, other.state);
    }

    @Override
    public int hashCode() {
        return (originatorId.hashCode() * 31 + Long.hashCode(originatorVersion)) * 31 + topic.hashCode();
    }

    @Override
    public String toString() {
        return "StoredEvent[" + originatorId + ":" + originatorVersion + ", topic=" + topic + ", state="
                + Bytes.describe(state) + "]";
    }

    /** Short printable forms of byte arrays for toString. */
    static final class Bytes {
        private Bytes() {}

        static String describe(byte[] bytes) {
            int shown = Math.min(bytes.length, 16);
            return HexFormat.of().formatHex(bytes, 0, shown) + (bytes.length > shown ? "..." : "")
                    + " (" + bytes.length + " bytes)";
        }
    }
}
