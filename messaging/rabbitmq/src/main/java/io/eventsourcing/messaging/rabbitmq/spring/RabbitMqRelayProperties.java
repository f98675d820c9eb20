package io.eventsourcing.messaging.rabbitmq.spring;

import io.eventsourcing.messaging.Body;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The RabbitMQ relays a Spring Boot application runs ({@code eventsourcing.rabbitmq.*}):
 * <pre>
 * eventsourcing.rabbitmq.publishers[0].application=Orders
 * eventsourcing.rabbitmq.publishers[0].exchange=orders
 * eventsourcing.rabbitmq.republishers[0].follower=Reservations
 * eventsourcing.rabbitmq.republishers[0].leader=Orders
 * eventsourcing.rabbitmq.republishers[0].exchange=orders
 * eventsourcing.rabbitmq.republishers[0].queue=reservations.orders
 * </pre>
 *
 * @param publishers the applications whose events are published
 * @param republishers the process applications fed from RabbitMQ
 */
@ConfigurationProperties("eventsourcing.rabbitmq")
public record RabbitMqRelayProperties(@DefaultValue List<Publisher> publishers,
        @DefaultValue List<Republisher> republishers) {

    /**
     * One publisher.
     *
     * @param application the leader application's name (an {@code Application} bean's {@code name()})
     * @param exchange the exchange
     * @param name the name its position is tracked under; default {@code application->rabbitmq:exchange}
     * @param lanes how many lanes (1: total order)
     * @param body {@code stored} or {@code json}
     */
    public record Publisher(String application, String exchange, @Nullable String name, @DefaultValue("1") int lanes,
            @DefaultValue("stored") Body body) {}

    /**
     * One republisher.
     *
     * @param follower the process application fed (a {@code ProcessApplication} bean's {@code name()})
     * @param leader the leader application's name; its events are read with the follower's mapper
     * @param exchange the leader's exchange
     * @param queue the follower's queue (the prefix of its queues with several lanes)
     * @param lanes the publisher's number of lanes
     */
    public record Republisher(String follower, String leader, String exchange, String queue,
            @DefaultValue("1") int lanes) {}
}
