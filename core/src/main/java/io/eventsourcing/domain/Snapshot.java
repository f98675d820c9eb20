package io.eventsourcing.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of an aggregate at one version, so it can be loaded without replaying all its events.
 * The state holds the aggregate's own fields as JSON; {@code stateVersion} is the aggregate class's
 * {@link EventVersion} when it was taken, so old snapshots are upcast like old events.
 *
 * @param originatorId the aggregate id
 * @param originatorVersion the aggregate version the snapshot was taken at
 * @param timestamp the aggregate's {@code modifiedOn} at that version
 * @param createdOn the aggregate's {@code createdOn}
 * @param topic the aggregate class's topic
 * @param stateVersion the version of the state's shape
 * @param state the aggregate's fields, by name
 */
public record Snapshot(UUID originatorId, long originatorVersion, Instant timestamp, Instant createdOn, String topic,
        int stateVersion, ObjectNode state) {

    /** @throws NullPointerException if any component is null */
    public Snapshot {
        requireNonNull(originatorId, "originatorId");
        requireNonNull(timestamp, "timestamp");
        requireNonNull(createdOn, "createdOn");
        requireNonNull(topic, "topic");
        requireNonNull(state, "state");
        state = state.deepCopy();
    }

    /** A copy of the state. */
    @Override
    public ObjectNode state() {
        return state.deepCopy();
    }
}
