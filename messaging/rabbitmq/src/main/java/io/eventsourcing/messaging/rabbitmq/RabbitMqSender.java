package io.eventsourcing.messaging.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.eventsourcing.messaging.Body;
import io.eventsourcing.messaging.BrokerSender;
import io.eventsourcing.messaging.RelayException;
import io.eventsourcing.messaging.RelayedEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Sends to a RabbitMQ exchange on a channel in confirm mode: persistent, mandatory messages; a batch is
 * sent when the broker has confirmed every message of it and returned none as unroutable.
 */
final class RabbitMqSender implements BrokerSender {
    private final Connection connection;
    private final Channel channel;
    private final RabbitMqTopology topology;
    private final Duration confirmTimeout;
    private final AtomicReference<@Nullable String> returned = new AtomicReference<>();

    RabbitMqSender(ConnectionFactory factory, RabbitMqTopology topology, Duration confirmTimeout, String name)
            throws IOException, TimeoutException {
        this.topology = topology;
        this.confirmTimeout = confirmTimeout;
        this.connection = factory.newConnection(name);
        try {
            this.channel = connection.createChannel();
            channel.confirmSelect();
            channel.addReturnListener(message -> returned.compareAndSet(null, "RabbitMQ returned "
                    + message.getProperties().getMessageId() + " (" + message.getReplyText() + "): no queue is bound "
                    + "to exchange " + topology.exchange() + " with routing key " + message.getRoutingKey()
                    + "; start the republisher, or declare its queues, first"));
            topology.declareExchange(channel);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void send(List<RelayedEvent> events) throws IOException, InterruptedException, TimeoutException {
        for (RelayedEvent event : events) {
            Map<String, Object> headers = new HashMap<>(event.headers());
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .contentType(event.body() == Body.JSON ? "application/json" : "application/octet-stream")
                    .messageId(event.deduplicationId())
                    .type(event.notification().topic())
                    .appId(event.leader())
                    .headers(headers)
                    .build();
            channel.basicPublish(topology.exchange(), RabbitMqTopology.routingKey(event.lane()), true, properties,
                    event.payload());
        }
        channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
        String problem = returned.getAndSet(null);
        if (problem != null) {
            throw new RelayException(problem);
        }
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close(2000);
            }
        } catch (IOException | RuntimeException e) {
            connection.abort(1000);
        }
    }
}
