package io.eventsourcing.postgres.faults;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Follows an application's log with one subscription from the start, on a thread of its own, and
 * keeps what it was given: each id with its aggregate, the ids that did not follow the one before
 * (a skip or a repeat), and the failures the subscription threw (after each, it goes on with the same
 * subscription).
 */
final class SubscriptionWatcher implements AutoCloseable {
    private final Subscription subscription;
    private final Thread thread;
    private final Map<Long, UUID> seen = new HashMap<>();
    private final List<String> jumps = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile long last;
    private volatile boolean closed;

    SubscriptionWatcher(ApplicationRecorder recorder) {
        this.subscription = recorder.subscribe(0);
        this.thread = Thread.ofPlatform().daemon().name("subscription-watcher").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                if (!subscription.hasNext()) {
                    return;
                }
                Notification notification = subscription.next();
                synchronized (seen) {
                    if (notification.id() != last + 1) {
                        jumps.add(last + " then " + notification.id());
                    }
                    seen.put(notification.id(), notification.originatorId());
                }
                last = notification.id();
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Waits until the subscription has given the id. */
    void await(long notificationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last < notificationId && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The aggregate of each id given. */
    Map<Long, UUID> seen() {
        synchronized (seen) {
            return new HashMap<>(seen);
        }
    }

    /** The ids that did not follow the one before. */
    List<String> jumps() {
        return new ArrayList<>(jumps);
    }

    /** What the subscription threw. */
    List<String> failures() {
        return new ArrayList<>(failures);
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
