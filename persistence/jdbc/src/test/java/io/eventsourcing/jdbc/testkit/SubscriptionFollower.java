package io.eventsourcing.jdbc.testkit;

import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Subscription;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Iterates a subscription on a thread of its own and hands each notification over a queue, for the
 * backend tests that follow one factory's events from another. Closing it closes the subscription.
 */
public final class SubscriptionFollower implements AutoCloseable {
    private final Subscription subscription;
    private final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** Starts following. */
    public SubscriptionFollower(Subscription subscription) {
        this.subscription = subscription;
        this.thread = Thread.ofPlatform().name("subscription-follower").daemon().start(() -> {
            while (subscription.hasNext()) {
                received.add(subscription.next());
            }
        });
    }

    /**
     * Returns once the follower has read everything there was and waits for more: its thread is
     * parked in the subscription's wait, which only a wake-up or the poll interval ends.
     *
     * @throws AssertionError if it does not wait within ten seconds
     */
    public void awaitWaiting() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the follower did not wait for new notifications; it is " + thread.getState());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * The next notification.
     *
     * @throws AssertionError if none arrives within the timeout
     */
    public Notification next(Duration timeout) throws InterruptedException {
        Notification next = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            throw new AssertionError("no notification arrived within " + timeout.toMillis() + " ms");
        }
        return next;
    }

    /** Closes the subscription and waits a little for the thread to end. */
    @Override
    public void close() {
        subscription.close();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
