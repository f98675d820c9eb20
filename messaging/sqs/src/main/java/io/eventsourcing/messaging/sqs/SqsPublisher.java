package io.eventsourcing.messaging.sqs;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.BrokerSender;
import io.eventsourcing.messaging.Publisher;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Publishes a leader application's events to an Amazon SQS FIFO queue: each lane is one message group
 * ({@code leader-lane}), so SQS keeps each lane in order, and a message carries the {@link
 * io.eventsourcing.messaging.RelayedEvent} headers as string message attributes and the event as its body
 * (JSON text, or the stored bytes in base64). Its position is recorded only after SQS answered a send
 * with success for every message up to it. A standard queue is refused: it does not keep order.
 *
 * <p>SQS has no fan-out of its own: give each follower its queue and a publisher (or subscribe the
 * queues to an SNS FIFO topic).
 *
 * <p>Thread-safe. Close it to stop; the {@link SqsClient} stays the caller's.
 */
public final class SqsPublisher extends Publisher {

    /**
     * Starts publishing, with the position recorded in the leader's own database (its factory's tracking
     * recorder, under {@code settings.name()}).
     *
     * @param leader the application whose events are sent (not closed by the publisher)
     * @param sqs the SQS client
     * @param queueUrl the FIFO queue's URL
     * @param settings the name of the position, lanes (message groups), body, topics, batch size, pauses
     * @throws IllegalArgumentException if the queue is not a FIFO queue (its name ends in {@code .fifo})
     */
    public SqsPublisher(Application leader, SqsClient sqs, String queueUrl, PublisherSettings settings) {
        this(leader, null, sqs, queueUrl, settings);
    }

    /**
     * Starts publishing, with the position recorded in the tracking recorder given.
     *
     * @param positions where the position is recorded (not closed by the publisher); null for the
     *     leader's own database
     */
    public SqsPublisher(Application leader, @Nullable TrackingRecorder positions, SqsClient sqs, String queueUrl,
            PublisherSettings settings) {
        super(leader, positions, connector(sqs, queueUrl), settings);
    }

    private static BrokerSender.Connector connector(SqsClient sqs, String queueUrl) {
        requireNonNull(sqs, "sqs");
        requireFifo(queueUrl);
        return () -> new SqsSender(sqs, queueUrl);
    }

    /**
     * Creates a FIFO queue for a follower (if it does not exist) and returns its URL.
     *
     * @param name the queue's name, ending in {@code .fifo}
     * @throws IllegalArgumentException if the name does not end in {@code .fifo}
     */
    public static String createQueue(SqsClient sqs, String name) {
        requireNonNull(name, "name");
        requireFifo(name);
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
    }

    static void requireFifo(String queue) {
        requireNonNull(queue, "queueUrl");
        if (!queue.endsWith(".fifo")) {
            throw new IllegalArgumentException("SQS queue " + queue + " is not a FIFO queue (its name must end in "
                    + ".fifo): a standard queue does not keep events in order");
        }
    }
}
