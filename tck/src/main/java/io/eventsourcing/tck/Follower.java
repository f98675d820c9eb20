package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Iterates a subscription (of notifications or of DCB events) on a thread of its own, handing each
 * item over a queue, for the suites' subscription tests.
 *
 * @param <T> what the subscription yields
 */
final class Follower<T> {
    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<T> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    Follower(Iterator<T> subscription) {
        Thread.ofPlatform().name("subscription-follower").daemon().start(() -> {
            try {
                while (subscription.hasNext()) {
                    received.add(subscription.next());
                }
                ended.complete(null);
            } catch (Throwable t) {
                ended.completeExceptionally(t);
            }
        });
    }

    /** The next item, waiting up to ten seconds for it. */
    T next() throws InterruptedException {
        T next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the subscription yielded nothing within " + WAIT_SECONDS + " s");
        }
        return next;
    }

    /** Checks that iterating ended (the subscription was closed) without an error and without more items. */
    void assertEndedWithoutError() throws Exception {
        ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(received).as("items yielded after close()").isEmpty();
    }

    /**
     * Calls {@code hasNext()} on a thread of its own and returns once that thread waits (see
     * {@link Threads#awaitBlocked}); the future completes with what {@code hasNext()} returned.
     */
    static CompletableFuture<Boolean> blockedHasNext(Iterator<?> subscription) throws InterruptedException {
        CountDownLatch aboutToWait = new CountDownLatch(1);
        CompletableFuture<Boolean> hasNext = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().name("subscription-waiter").start(() -> {
            aboutToWait.countDown();
            try {
                hasNext.complete(subscription.hasNext());
            } catch (Throwable t) {
                hasNext.completeExceptionally(t);
            }
        });
        assertThat(aboutToWait.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Threads.awaitBlocked(waiter);
        return hasNext;
    }
}
