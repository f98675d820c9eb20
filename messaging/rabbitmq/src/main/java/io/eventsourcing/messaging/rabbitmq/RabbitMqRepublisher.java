package io.eventsourcing.messaging.rabbitmq;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.messaging.RelayedEvent;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.internal.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class RabbitMqRepublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqRepublisher.class);
    /** How many unacknowledged messages each lane's channel may hold. */
    public static final int PREFETCH = 250;

    private final ConnectionFactory factory;
    private final RabbitMqTopology topology;
    private final String queue;
    private final Republisher republisher;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    private final AtomicReference<@Nullable Throwable> lastFailure = new AtomicReference<>();
    private final AtomicReference<@Nullable CountDownLatch> session = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts consuming.
     *
     * @param connections how to connect to RabbitMQ; copied, with automatic recovery off
     * @param exchange the leader's exchange, as its publisher names it
     * @param queue the follower's queue (with several lanes, the prefix of its queues)
     * @param lanes the publisher's number of lanes
     * @param republisher the follower to feed
     */
    public RabbitMqRepublisher(ConnectionFactory connections, String exchange, String queue, int lanes,
            Republisher republisher) {
        this.factory = RabbitMqConnections.withoutRecovery(connections);
        this.topology = new RabbitMqTopology(exchange, lanes);
        this.queue = requireNonNull(queue, "queue");
        this.republisher = requireNonNull(republisher, "republisher");
        this.thread = Thread.ofPlatform().daemon().name(republisher.follower() + "<-rabbitmq:" + queue)
                .start(this::run);
    }

    /** The error of the follower that stopped the republisher, if any. */
    public @Nullable Throwable error() {
        return error.get();
    }

    /** The last connection failure met (and retried), or null. */
    public @Nullable Throwable lastFailure() {
        return lastFailure.get();
    }

    private void run() {
        while (!closed && error.get() == null) {
            CountDownLatch ended = new CountDownLatch(1);
            session.set(ended);
            try (Connection connection = factory.newConnection(republisher.follower() + "<-" + queue)) {
                connection.addShutdownListener(cause -> ended.countDown());
                try (Channel setup = connection.createChannel()) {
                    topology.declareQueues(setup, queue);
                }
                for (int lane = 0; lane < topology.lanes(); lane++) {
                    Channel channel = connection.createChannel();
                    channel.basicQos(PREFETCH);
                    channel.addShutdownListener(cause -> {
                        if (!cause.isInitiatedByApplication()) {
                            ended.countDown();
                        }
                    });
                    channel.basicConsume(topology.queue(queue, lane), false, new LaneConsumer(channel, ended));
                }
                backoff.reset();
                while (!closed && !ended.await(1, TimeUnit.SECONDS)) {
                    // consuming
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                lastFailure.set(e);
                LOG.warn("{} lost RabbitMQ; it connects again", this, e);
            }
            if (!closed && error.get() == null && !backoff.pause()) {
                return;
            }
        }
    }

    /** Consumes one lane's queue; the client calls it for one message at a time. */
    private final class LaneConsumer extends DefaultConsumer {
        private final CountDownLatch ended;

        LaneConsumer(Channel channel, CountDownLatch ended) {
            super(channel);
            this.ended = ended;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                byte[] body) throws IOException {
            if (closed || error.get() != null) {
                return;
            }
            Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
            try {
                RelayedEvent event = RelayedEvent.read(name -> {
                    Object value = headers.get(name);
                    return value == null ? null : value.toString();
                }, body);
                republisher.handle(event);
            } catch (EventSourcingException e) {
                if (error.compareAndSet(null, e)) {
                    LOG.error("{} stopped: the follower failed", RabbitMqRepublisher.this, e);
                }
                ended.countDown();   // the connection closes; the message is delivered again to the next consumer
                return;
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
    }

    /**
     * Stops consuming; unacknowledged messages go back to their queues. Then rethrows the follower's
     * error that stopped it, if any.
     *
     * @throws EventSourcingException the follower's error
     */
    @Override
    public void close() {
        closed = true;
        backoff.cancel();
        CountDownLatch current = session.get();
        if (current != null) {
            current.countDown();
        }
        try {
            if (!thread.join(Duration.ofSeconds(15))) {
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
        return "RabbitMqRepublisher[" + topology.exchange() + " -> " + queue + " -> " + republisher.follower() + "]";
    }
}
