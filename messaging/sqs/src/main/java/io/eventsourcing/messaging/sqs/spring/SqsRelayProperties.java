package io.eventsourcing.messaging.sqs.spring;

import io.eventsourcing.messaging.Body;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SQS relays a Spring Boot application runs ({@code eventsourcing.sqs.*}); queues are FIFO queues
 * named here, made if they do not exist:
 * <pre>
 * eventsourcing.sqs.publishers[0].application=Orders
 * eventsourcing.sqs.publishers[0].queue=reservations-orders.fifo
 * eventsourcing.sqs.republishers[0].follower=Reservations
 * eventsourcing.sqs.republishers[0].leader=Orders
 * eventsourcing.sqs.republishers[0].queue=reservations-orders.fifo
 * </pre>
 *
 * @param publishers the applications whose events are published
 * @param republishers the process applications fed from SQS
 */
@ConfigurationProperties("eventsourcing.sqs")
public record SqsRelayProperties(@DefaultValue List<Publisher> publishers,
        @DefaultValue List<Republisher> republishers) {

    /**
     * One publisher.
     *
     * @param application the leader application's name (an {@code Application} bean's {@code name()})
     * @param queue the FIFO queue's name (ending in {@code .fifo})
     * @param name the name its position is tracked under; default {@code application->sqs:queue}
     * @param lanes how many lanes, one message group each (1: total order)
     * @param body {@code stored} or {@code json}
     */
    public record Publisher(String application, String queue, @Nullable String name, @DefaultValue("1") int lanes,
            @DefaultValue("stored") Body body) {}

    /**
     * One republisher.
     *
     * @param follower the process application fed (a {@code ProcessApplication} bean's {@code name()})
     * @param leader the leader application's name; its events are read with the follower's mapper
     * @param queue the follower's FIFO queue's name
     */
    public record Republisher(String follower, String leader, String queue) {}
}
