package io.eventsourcing.messaging.rabbitmq;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.messaging.BrokerRepublisher;
import io.eventsourcing.messaging.Deliveries;
import io.eventsourcing.messaging.RelayException;
import io.eventsourcing.messaging.RelayedEvent;
import io.eventsourcing.messaging.Republisher;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Consumes a leader's events from RabbitMQ and hands them to a {@link Republisher}, which has a local
 * process application or projection process each exactly once; each message is acknowledged only after
 * the follower committed. It declares the follower's durable queues and binds them to the leader's
 * exchange ({@link RabbitMqTopology}), then consumes every lane's queue on a channel of its own, with
 * manual acknowledgements and a bounded prefetch. A lost connection or a broker restart is retried with
 * a growing pause: unacknowledged messages are delivered again, and copies are dropped. An error of the
 * follower stops the republisher (the message stays in its queue); {@link #error()} and {@link #close()}
 * report it.
 *
 * <pre>{@code
 * var republisher = new RabbitMqRepublisher(connections, "orders", "reservations.orders", 1,
 *         Republisher.to(reservations, "Orders", ordersMapper));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RabbitMqRepublisher extends BrokerRepublisher {
    /** How many unacknowledged messages each lane's channel may hold. */
    public static final int PREFETCH = 250;

    private final ConnectionFactory factory;
    private final RabbitMqTopology topology;
    private final String queue;
    private final AtomicReference<@Nullable CountDownLatch> session = new AtomicReference<>();

    /**
     * Starts consuming.
     *
     * @param connections how to connect to RabbitMQ; copied, with automatic recovery off
     * @param exchange the leader's exchange, as its publisher names it
     * @param queue the follower's queue (with several lanes, the prefix of its queues)
     * @param lanes the publisher's number of lanes
     * @param republisher the follower to feed
     */
    @SuppressWarnings("this-escape") // start() is the constructor's last statement
    public RabbitMqRepublisher(ConnectionFactory connections, String exchange, String queue, int lanes,
            Republisher republisher) {
        super(republisher, "rabbitmq:" + queue);
        this.factory = RabbitMqConnections.withoutRecovery(connections);
        this.topology = new RabbitMqTopology(exchange, lanes);
        this.queue = requireNonNull(queue, "queue");
        start();
    }

    @Override
    protected void consume() throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        CountDownLatch ended = new CountDownLatch(1);
        session.set(ended);
        Deliveries<Tag> deliveries = republisher().deliveries();
        try (Connection connection = factory.newConnection(republisher().follower() + "<-" + queue)) {
            connection.addShutdownListener(cause -> ended.countDown());
            try (Channel setup = connection.createChannel()) {
                topology.declareQueues(setup, queue);
            }
            for (int lane = 0; lane < topology.lanes(); lane++) {
                Channel channel = connection.createChannel();
                channel.basicQos(PREFETCH);
                channel.addShutdownListener(cause -> ended.countDown());
                channel.basicConsume(topology.queue(queue, lane), false, new LaneConsumer(channel, deliveries));
            }
            connected();
            if (!isClosed()) {
                ended.await();
            }
            if (!isClosed()) {
                throw new RelayException("RabbitMQ closed the connection to " + queue
                        + (connection.getCloseReason() == null ? "" : ": " + connection.getCloseReason()));
            }
        } finally {
            session.set(null);
        }
    }

    @Override
    protected void wake() {
        CountDownLatch current = session.get();
        if (current != null) {
            current.countDown();
        }
    }

    /** A message to acknowledge: its channel and delivery tag. */
    private record Tag(Channel channel, long deliveryTag) {}

    /** Consumes one lane's queue; the client calls it for one message at a time. */
    private final class LaneConsumer extends DefaultConsumer {
        private final Deliveries<Tag> deliveries;

        LaneConsumer(Channel channel, Deliveries<Tag> deliveries) {
            super(channel);
            this.deliveries = deliveries;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                byte[] body) throws IOException {
            if (isClosed()) {
                return;
            }
            Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
            List<Tag> acknowledged;
            try {
                acknowledged = deliveries.handle(RelayedEvent.read(name -> {
                    Object value = headers.get(name);
                    return value == null ? null : value.toString();
                }, body), new Tag(getChannel(), envelope.getDeliveryTag()));
            } catch (EventSourcingException e) {
                stop(e);                 // the connection closes; the message is delivered again to the next consumer
                return;
            }
            try {
                for (Tag tag : acknowledged) {   // this lane's, so this channel's
                    tag.channel().basicAck(tag.deliveryTag(), false);
                }
            } catch (IOException | ShutdownSignalException e) {
                // The connection is going (a broker restart): the messages come again and are dropped as copies.
            }
        }
    }

    @Override
    public String toString() {
        return "RabbitMqRepublisher[" + topology.exchange() + " -> " + queue + " -> " + republisher().follower() + "]";
    }
}
