package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Which lane (queue, FIFO message group, partition) an event travels in: one fixed by its originator id,
 * so each aggregate's events stay in order however many lanes there are.
 */
public final class Lanes {
    private Lanes() {}

    /**
     * The lane of an aggregate's events: the same in every JVM ({@link UUID#hashCode()} is specified).
     *
     * @throws IllegalArgumentException if {@code lanes} is below 1
     */
    public static int of(UUID originatorId, int lanes) {
        requireNonNull(originatorId, "originatorId");
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
        }
        return Math.floorMod(originatorId.hashCode(), lanes);
    }

    /**
     * The name a follower tracks a lane's position under: the leader's name when there is one lane,
     * {@code leader#lane} otherwise.
     */
    public static String trackingName(String leader, int lane, int lanes) {
        requireNonNull(leader, "leader");
        return lanes == 1 ? leader : leader + "#" + lane;
    }
}
