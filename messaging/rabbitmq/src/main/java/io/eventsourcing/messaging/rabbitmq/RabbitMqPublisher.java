package io.eventsourcing.messaging.rabbitmq;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.ConnectionFactory;
import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.BrokerSender;
import io.eventsourcing.messaging.Publisher;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.persistence.TrackingRecorder;
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
public final class RabbitMqPublisher extends Publisher {
    /** How long a batch may wait for RabbitMQ's confirmation before the session fails and is retried. */
    public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

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
        this(leader, null, connections, exchange, settings);
    }

    /**
     * Starts publishing, with the position recorded in the tracking recorder given.
     *
     * @param positions where the position is recorded (not closed by the publisher); null for the
     *     leader's own database
     */
    public RabbitMqPublisher(Application leader, @Nullable TrackingRecorder positions, ConnectionFactory connections,
            String exchange, PublisherSettings settings) {
        super(leader, positions, connector(connections, new RabbitMqTopology(exchange, settings.lanes()),
                settings.name()), settings);
    }

    private static BrokerSender.Connector connector(ConnectionFactory connections, RabbitMqTopology topology,
            String name) {
        ConnectionFactory factory = RabbitMqConnections.withoutRecovery(requireNonNull(connections, "connections"));
        return () -> new RabbitMqSender(factory, topology, CONFIRM_TIMEOUT, name);
    }
}
