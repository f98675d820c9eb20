package io.eventsourcing.persistence.memory;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.PollingSubscription;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApplicationRecorder} in memory. A notification id is the event's 1-based position in one
 * list that only grows under the write lock, so ids are gap-free and in commit order. Subscriptions
 * are woken on every insert.
 *
 * <p>Thread-safe.
 */
public sealed class InMemoryApplicationRecorder extends InMemoryAggregateRecorder implements ApplicationRecorder
        permits InMemoryProcessRecorder {
    private static final Duration SAFETY_POLL = Duration.ofSeconds(1);

    private final List<Notification> notifications = new ArrayList<>();
    private final Set<PollingSubscription> subscriptions = new CopyOnWriteArraySet<>();

    /** An empty recorder. */
    public InMemoryApplicationRecorder() {
        this("in-memory application recorder");
    }

    InMemoryApplicationRecorder(String description) {
        super(description);
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        List<Long> ids = super.insertEvents(events);
        wakeSubscriptions(ids);
        return ids;
    }

    @Override
    List<Long> store(List<StoredEvent> events) {
        List<Long> ids = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            index(event);
            Notification notification = Notification.of(notifications.size() + 1L, event);
            notifications.add(notification);
            ids.add(notification.id());
        }
        return List.copyOf(ids);
    }

    final void wakeSubscriptions(List<Long> ids) {
        if (!ids.isEmpty()) {
            subscriptions.forEach(PollingSubscription::wake);
        }
    }

    @Override
    public List<Notification> selectNotifications(long start, int limit, @Nullable Long stop, Set<String> topics) {
        requireNonNull(topics, "topics");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        lock.readLock().lock();
        try {
            long last = stop == null ? notifications.size() : Math.min(stop, notifications.size());
            List<Notification> selected = new ArrayList<>(Math.min(limit, 64));
            for (long id = Math.max(start, 1); id <= last && selected.size() < limit; id++) {
                Notification notification = notifications.get((int) (id - 1));
                if (topics.isEmpty() || topics.contains(notification.topic())) {
                    selected.add(notification);
                }
            }
            return selected;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long maxNotificationId() {
        lock.readLock().lock();
        try {
            return notifications.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Subscription subscribe(long gt, Set<String> topics) {
        PollingSubscription[] self = new PollingSubscription[1];
        PollingSubscription subscription =
                new PollingSubscription(this, gt, topics, SAFETY_POLL, () -> subscriptions.remove(self[0]));
        self[0] = subscription;
        subscriptions.add(subscription);
        return subscription;
    }
}
