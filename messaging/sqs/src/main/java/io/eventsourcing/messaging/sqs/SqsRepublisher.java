package io.eventsourcing.messaging.sqs;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.messaging.BrokerRepublisher;
import io.eventsourcing.messaging.Deliveries;
import io.eventsourcing.messaging.Republisher;
import java.util.ArrayList;
import java.util.List;
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
public final class SqsRepublisher extends BrokerRepublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SqsRepublisher.class);
    /** How long one receive waits for messages (SQS's longest long poll is 20 s). */
    public static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;

    /**
     * Starts receiving.
     *
     * @param sqs the SQS client
     * @param queueUrl the follower's FIFO queue
     * @param republisher the follower to feed
     * @throws IllegalArgumentException if the queue is not a FIFO queue
     */
    @SuppressWarnings("this-escape") // start() is the constructor's last statement
    public SqsRepublisher(SqsClient sqs, String queueUrl, Republisher republisher) {
        super(republisher, "sqs:" + queueUrl);
        this.sqs = requireNonNull(sqs, "sqs");
        SqsPublisher.requireFifo(queueUrl);
        this.queueUrl = queueUrl;
        start();
    }

    @Override
    protected void consume() {
        Deliveries<String> deliveries = republisher().deliveries();   // held messages come back after a new receive
        while (!isClosed()) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(WAIT_SECONDS).messageAttributeNames("All").overrideConfiguration(SqsMessages.TIMEOUTS))
                    .messages();
            connected();
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            try {
                for (Message message : messages) {
                    if (isClosed()) {
                        break;
                    }
                    for (String handle : deliveries.handle(SqsMessages.read(message), message.receiptHandle())) {
                        done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                                .receiptHandle(handle).build());
                    }
                }
            } catch (EventSourcingException e) {
                stop(e);
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
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done).overrideConfiguration(SqsMessages.TIMEOUTS));
        } catch (SdkException e) {
            // They come back after the visibility timeout, and are dropped as copies.
            LOG.warn("{} could not delete {} processed messages from {}", this, done.size(), queueUrl, e);
        }
    }

    @Override
    public String toString() {
        return "SqsRepublisher[" + queueUrl + " -> " + republisher().follower() + "]";
    }
}
