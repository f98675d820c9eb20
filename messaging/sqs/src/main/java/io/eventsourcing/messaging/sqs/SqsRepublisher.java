package io.eventsourcing.messaging.sqs;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.internal.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Receives a leader's events from an SQS FIFO queue (long polling, up to ten at a time, in order within
 * each message group) and hands them to a {@link Republisher}, which has a local process application or
 * projection process each exactly once; the messages are deleted only after the follower committed. A
 * consumer that dies before deleting leaves them to come back after the queue's visibility timeout, and
 * the copies are dropped then. Failures to reach SQS are retried with a growing pause; an error of the
 * follower stops the republisher, reported by {@link #error()} and {@link #close()}.
 *
 * <p>Thread-safe. The {@link SqsClient} stays the caller's.
 */
public final class SqsRepublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsRepublisher.class);
    /** How long one receive waits for messages (SQS's longest long poll is 20 s). */
    public static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Republisher republisher;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    private volatile @Nullable Throwable lastFailure;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts receiving.
     *
     * @param sqs the SQS client
     * @param queueUrl the follower's FIFO queue
     * @param republisher the follower to feed
     * @throws IllegalArgumentException if the queue is not a FIFO queue
     */
    public SqsRepublisher(SqsClient sqs, String queueUrl, Republisher republisher) {
        this.sqs = requireNonNull(sqs, "sqs");
        SqsPublisher.requireFifo(queueUrl);
        this.queueUrl = queueUrl;
        this.republisher = requireNonNull(republisher, "republisher");
        this.thread = Thread.ofPlatform().daemon().name(republisher.follower() + "<-sqs").start(this::run);
    }

    /** The error of the follower that stopped the republisher, if any. */
    public @Nullable Throwable error() {
        return error.get();
    }

    /** The last failure to reach SQS (retried), or null. */
    public @Nullable Throwable lastFailure() {
        return lastFailure;
    }

    private void run() {
        while (!closed) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(WAIT_SECONDS).messageAttributeNames("All")).messages();
            } catch (SdkException e) {
                if (closed) {
                    return;
                }
                lastFailure = e;
                LOG.warn("{} cannot receive from {}; it tries again", this, queueUrl, e);
                if (!backoff.pause()) {
                    return;
                }
                continue;
            }
            backoff.reset();
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            try {
                for (Message message : messages) {
                    if (closed) {
                        break;
                    }
                    republisher.handle(SqsMessages.read(message));
                    done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                            .receiptHandle(message.receiptHandle()).build());
                }
            } catch (EventSourcingException e) {
                if (error.compareAndSet(null, e)) {
                    LOG.error("{} stopped: the follower failed", this, e);
                }
                closed = true;
            } finally {
                delete(done);
            }
        }
    }

    private void delete(List<DeleteMessageBatchRequestEntry> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        } catch (SdkException e) {
            lastFailure = e;   // they come back after the visibility timeout, and are dropped as copies
            LOG.warn("{} could not delete {} processed messages from {}", this, done.size(), queueUrl, e);
        }
    }

    /**
     * Stops receiving; then rethrows the follower's error that stopped it, if any.
     *
     * @throws EventSourcingException the follower's error
     */
    @Override
    public void close() {
        closed = true;
        backoff.cancel();
        try {
            if (!thread.join(Duration.ofSeconds(WAIT_SECONDS + 30))) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = error.get();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause != null) {
            throw new EventSourcingException(this + " failed", cause);
        }
    }

    @Override
    public String toString() {
        return "SqsRepublisher[" + queueUrl + " -> " + republisher.follower() + "]";
    }
}
