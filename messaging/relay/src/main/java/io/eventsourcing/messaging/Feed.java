package io.eventsourcing.messaging;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A recorder's subscription read ahead on a thread of its own into a bounded queue, so the publisher
 * takes whatever has arrived as one batch: one event at a time when events are rare (no added latency),
 * large batches under load.
 *
 * <p>One thread takes; any thread may close.
 */
final class Feed implements AutoCloseable {
    private final Subscription subscription;
    private final BlockingQueue<Notification> queue;
    private final Thread reader;
    private volatile @Nullable RuntimeException failure;
    private volatile boolean closed;

    Feed(ApplicationRecorder recorder, long after, Set<String> topics, int capacity, String name) {
        this.subscription = recorder.subscribe(after, topics);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reader = Thread.ofVirtual().name(name + "-feed").start(this::read);
    }

    private void read() {
        try {
            while (!closed && subscription.hasNext()) {
                Notification notification = subscription.next();
                while (!closed && !queue.offer(notification, 100, TimeUnit.MILLISECONDS)) {
                    // the publisher is behind; wait for room
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                failure = e;
            }
        }
    }

    /**
     * Waits for the next event, then takes it and whatever else has arrived, up to {@code max}.
     *
     * @return the batch, or empty if the feed was closed
     * @throws RuntimeException the error the subscription met
     */
    List<Notification> take(int max) throws InterruptedException {
        List<Notification> batch = new ArrayList<>();
        while (batch.isEmpty() && !closed) {
            Notification first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                RuntimeException error = failure;
                if (error != null) {
                    throw error;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, max - 1);
        }
        return batch;
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        reader.interrupt();
    }
}
