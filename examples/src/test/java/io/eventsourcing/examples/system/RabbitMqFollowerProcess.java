package io.eventsourcing.examples.system;

import com.rabbitmq.client.ConnectionFactory;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.rabbitmq.RabbitMqRepublisher;
import io.eventsourcing.persistence.Mapper;
import java.util.Map;

/**
 * The follower's JVM of the README's RabbitMQ example: {@link Reservations}, on a database of its own
 * (settings from the environment), fed with {@code Orders}' events from RabbitMQ. Prints {@code ready}
 * once it consumes; runs until it is stopped or its standard input ends.
 */
public final class RabbitMqFollowerProcess {
    private RabbitMqFollowerProcess() {}

    public static void main(String[] args) throws Exception {
        // tag::rabbitmq-follower[]
        var connections = new ConnectionFactory();                 // guest/guest on port 5672
        connections.setHost("127.0.0.1");
        var reservations = new Reservations(Map.of());             // its own database, from the environment
        if (!reservations.repository().contains(Stock.createId("apples"))) {
            reservations.addStock("apples", 10);
        }
        var republisher = new RabbitMqRepublisher(connections, "orders", "reservations.orders", 1,
                Republisher.to(reservations, "Orders", Mapper.standard()));   // the leader's name and mapper
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            republisher.close();                                   // unacknowledged messages stay queued
            reservations.close();
        }));
        // end::rabbitmq-follower[]
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() != -1) {
            // until the test's JVM ends
        }
        System.exit(0);
    }
}
