package io.eventsourcing.messaging.rabbitmq;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * Where a leader's events go in RabbitMQ: a durable direct exchange, and per follower one durable queue
 * per lane bound to it with the lane number as routing key ({@code queue} itself with one lane, {@code
 * queue.0}, {@code queue.1}, ... with several). Each queue allows a single active consumer, so a second
 * instance of a follower stands by instead of taking events out of order.
 *
 * @param exchange the exchange's name
 * @param lanes how many lanes the publisher spreads the events over
 */
public record RabbitMqTopology(String exchange, int lanes) {

    /** @throws IllegalArgumentException if the exchange name is blank or lanes below 1 */
    public RabbitMqTopology {
        requireNonNull(exchange, "exchange");
        if (exchange.isBlank()) {
            throw new IllegalArgumentException("the exchange name must not be blank");
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
        }
    }

    /** The routing key of a lane: its number. */
    public static String routingKey(int lane) {
        return Integer.toString(lane);
    }

    /** The name of a follower's queue for a lane. */
    public String queue(String queue, int lane) {
        return lanes == 1 ? queue : queue + "." + lane;
    }

    /** Declares the exchange (idempotent). */
    public void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
    }

    /** Declares the exchange and a follower's queues, and binds them (idempotent). */
    public void declareQueues(Channel channel, String queue) throws IOException {
        requireNonNull(queue, "queue");
        declareExchange(channel);
        for (int lane = 0; lane < lanes; lane++) {
            String name = queue(queue, lane);
            channel.queueDeclare(name, true, false, false, Map.of("x-single-active-consumer", true));
            channel.queueBind(name, exchange, routingKey(lane));
        }
    }
}
