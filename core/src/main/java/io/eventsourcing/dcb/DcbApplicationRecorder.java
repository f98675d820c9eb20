package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.NotSupportedException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DcbApplication}'s recorder: its DCB store, which it also shows as an application's
 * notification log, so that process applications, projections and runners follow a DCB application as
 * they follow any other. A notification's id is the event's position, its topic the event's type, its
 * state the event's data, and its originator the application's {@link #logId()} at version = position.
 * It records nothing through {@link #insertEvents}: a DCB application appends.
 *
 * <p>Thread-safe.
 */
public final class DcbApplicationRecorder implements DcbRecorder, ApplicationRecorder {
    private final DcbRecorder store;
    private final UUID logId;
    private final String name;

    DcbApplicationRecorder(DcbRecorder store, UUID logId, String name) {
        this.store = requireNonNull(store, "store");
        this.logId = requireNonNull(logId, "logId");
        this.name = requireNonNull(name, "name");
    }

    /** The DCB store itself. */
    DcbRecorder store() {
        return store;
    }

    /** The originator id of the application's notifications: one id for its whole log. */
    public UUID logId() {
        return logId;
    }

    @Override
    public List<DcbSequencedEvent> read(DcbQuery query, @Nullable Long after, @Nullable Integer limit) {
        return store.read(query, after, limit);
    }

    @Override
    public long append(List<DcbEvent> events, @Nullable DcbAppendCondition condition) {
        return store.append(events, condition);
    }

    @Override
    public long head() {
        return store.head();
    }

    @Override
    public DcbSubscription subscribe(DcbQuery query, long after) {
        return store.subscribe(query, after);
    }

    /**
     * Refused: a DCB application appends events with types and tags.
     *
     * @throws NotSupportedException always
     */
    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        throw new NotSupportedException(name + " is a DCB application: it appends events with append(...), "
                + "not aggregate events");
    }

    /** Nothing: a DCB application has no aggregates. */
    @Override
    public List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit) {
        requireNonNull(originatorId, "originatorId");
        return List.of();
    }

    @Override
    public List<Notification> selectNotifications(long start, int limit, @Nullable Long stop, Set<String> topics) {
        requireNonNull(topics, "topics");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        long after = Math.max(start, 1) - 1;
        if (limit == 0 || stop != null && stop <= after) {
            return List.of();
        }
        List<Notification> notifications = new ArrayList<>();
        for (DcbSequencedEvent event : store.read(query(topics), after, limit)) {
            if (stop != null && event.position() > stop) {
                break;
            }
            notifications.add(notification(event));
        }
        return notifications;
    }

    @Override
    public long maxNotificationId() {
        return store.head();
    }

    @Override
    public Subscription subscribe(long gt, Set<String> topics) {
        return new Notifications(store.subscribe(query(topics), Math.max(gt, 0)));
    }

    /** Closes the store's subscriptions. */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return name + "'s DCB recorder (" + store + ")";
    }

    /** The notification of an event: id and version its position, topic its type, state its data. */
    Notification notification(DcbSequencedEvent event) {
        return new Notification(event.position(), logId, event.position(), event.type(), event.event().dataUnsafe());
    }

    private static DcbQuery query(Set<String> topics) {
        return topics.isEmpty() ? DcbQuery.all() : DcbQuery.of(new DcbQueryItem(topics, Set.of()));
    }

    /** A subscription to the store seen as notifications. */
    private final class Notifications implements Subscription {
        private final DcbSubscription events;

        Notifications(DcbSubscription events) {
            this.events = events;
        }

        @Override
        public boolean hasNext() {
            return events.hasNext();
        }

        @Override
        public Notification next() {
            return notification(events.next());
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
