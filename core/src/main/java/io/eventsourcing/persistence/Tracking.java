package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

/**
 * How far a follower has processed an upstream application's notification log: the last notification
 * id it processed from that application.
 *
 * @param applicationName the upstream application's name
 * @param notificationId the last processed notification id, 1 or more
 */
public record Tracking(String applicationName, long notificationId) {

    /**
     * @throws NullPointerException if the name is null
     * @throws IllegalArgumentException if the name is blank or the id is below 1
     */
    public Tracking {
        requireNonNull(applicationName, "applicationName");
        if (applicationName.isBlank()) {
            throw new IllegalArgumentException("applicationName must not be blank");
        }
        if (notificationId < 1) {
            throw new IllegalArgumentException(
                    "notificationId must be at least 1, was " + notificationId + " for " + applicationName);
        }
    }
}
