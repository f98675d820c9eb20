package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;

/**
 * A domain event that has been recorded, with the notification that positions it in the application's
 * log.
 *
 * @param domainEvent the event as the aggregate triggered it
 * @param notification the event as stored, with its notification id
 */
public record Recording(DomainEvent domainEvent, Notification notification) {

    /** @throws NullPointerException if a component is null */
    public Recording {
        requireNonNull(domainEvent, "domainEvent");
        requireNonNull(notification, "notification");
    }

    /** The event's notification id. */
    public long notificationId() {
        return notification.id();
    }
}
