package io.eventsourcing.messaging.kafka.spring;

import io.eventsourcing.messaging.Body;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka relays a Spring Boot application runs ({@code eventsourcing.kafka.*}):
 * <pre>
 * eventsourcing.kafka.publishers[0].application=Orders
 * eventsourcing.kafka.publishers[0].topic=orders
 * eventsourcing.kafka.republishers[0].follower=Reservations
 * eventsourcing.kafka.republishers[0].leader=Orders
 * eventsourcing.kafka.republishers[0].topic=orders
 * eventsourcing.kafka.republishers[0].group=reservations
 * </pre>
 *
 * @param publishers the applications whose events are published
 * @param republishers the process applications fed from Kafka
 */
@ConfigurationProperties("eventsourcing.kafka")
public record KafkaRelayProperties(@DefaultValue List<Publisher> publishers,
        @DefaultValue List<Republisher> republishers) {

    /**
     * One publisher.
     *
     * @param application the leader application's name (an {@code Application} bean's {@code name()})
     * @param topic the topic (with at least {@code lanes} partitions)
     * @param name the name its position is tracked under; default {@code application->kafka:topic}
     * @param lanes how many lanes, one partition each (1: total order)
     * @param body {@code stored} or {@code json}
     */
    public record Publisher(String application, String topic, @Nullable String name, @DefaultValue("1") int lanes,
            @DefaultValue("stored") Body body) {}

    /**
     * One republisher.
     *
     * @param follower the process application fed (a {@code ProcessApplication} bean's {@code name()})
     * @param leader the leader application's name; its events are read with the follower's mapper
     * @param topic the leader's topic
     * @param group the follower's consumer group
     */
    public record Republisher(String follower, String leader, String topic, String group) {}
}
