package io.eventsourcing.messaging.rabbitmq;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.ConnectionFactory;
import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.Publisher;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.WaitTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a leader application's events to a RabbitMQ exchange: a durable direct exchange, each event a
 * persistent message routed by its lane ({@link RabbitMqTopology}), sent with the mandatory flag on a
 * channel in confirm mode. Its position is recorded only after RabbitMQ confirmed every message up to it,
 * so a crash or a broker restart loses nothing. A message that no queue takes is a failure too, retried
 * until a republisher's queue is bound: declare the followers' queues (start their republishers) before
 * the publisher, or it waits for them. Messages carry the {@link io.eventsourcing.messaging.RelayedEvent}
 * headers, the de-duplication id as {@code message-id}, the topic as {@code type} and the leader as
 * {@code app-id}.
 *
 * <pre>{@code
 * var publisher = new RabbitMqPublisher(orders, connections, "orders", PublisherSettings.of("Orders->rabbitmq"));
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop.
 */
public final class RabbitMqPublisher implements AutoCloseable {
    /** How long a batch may wait for RabbitMQ's confirmation before the session fails and is retried. */
    public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final Publisher publisher;
    private final TrackingRecorder positions;
    private final boolean ownsPositions;

    /**
     * Starts publishing, with the position recorded in the leader's own database (its factory's tracking
     * recorder, under {@code settings.name()}).
     *
     * @param leader the application whose events are sent (not closed by the publisher)
     * @param connections how to connect to RabbitMQ; copied, with automatic recovery off (the publisher
     *     reconnects by itself and sends again from its recorded position)
     * @param exchange the exchange's name
     * @param settings the name of the position, lanes, body, topics, batch size and retry pauses
     */
    public RabbitMqPublisher(Application leader, ConnectionFactory connections, String exchange,
            PublisherSettings settings) {
        this(leader, leader.factory().trackingRecorder(), true, connections, exchange, settings);
    }

    /**
     * Starts publishing, with the position recorded in the tracking recorder given.
     *
     * @param positions where the position is recorded (not closed by the publisher)
     */
    public RabbitMqPublisher(Application leader, TrackingRecorder positions, ConnectionFactory connections,
            String exchange, PublisherSettings settings) {
        this(leader, positions, false, connections, exchange, settings);
    }

    private RabbitMqPublisher(Application leader, TrackingRecorder positions, boolean ownsPositions,
            ConnectionFactory connections, String exchange, PublisherSettings settings) {
        requireNonNull(settings, "settings");
        ConnectionFactory factory = RabbitMqConnections.withoutRecovery(connections);
        RabbitMqTopology topology = new RabbitMqTopology(exchange, settings.lanes());
        this.positions = requireNonNull(positions, "positions");
        this.ownsPositions = ownsPositions;
        this.publisher = new Publisher(leader, positions,
                () -> new RabbitMqSender(factory, topology, CONFIRM_TIMEOUT, settings.name()), settings);
    }

    /** The id of the last event RabbitMQ confirmed, 0 if none. */
    public long position() {
        return publisher.position();
    }

    /** The last failure met (and retried), or null. */
    public @Nullable Throwable lastFailure() {
        return publisher.lastFailure();
    }

    /**
     * Blocks until RabbitMQ has confirmed the leader's event {@code notificationId}.
     *
     * @throws WaitTimeoutException if it has not within the timeout
     */
    public void waitFor(long notificationId, Duration timeout) {
        publisher.waitFor(notificationId, timeout);
    }

    /** Stops publishing. */
    @Override
    public void close() {
        publisher.close();
        if (ownsPositions) {
            positions.close();
        }
    }
}
