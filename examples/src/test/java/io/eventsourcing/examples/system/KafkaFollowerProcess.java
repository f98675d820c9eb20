package io.eventsourcing.examples.system;

import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.kafka.KafkaRepublisher;
import io.eventsourcing.persistence.Mapper;
import java.util.Map;

/**
 * The follower's JVM of the README's Kafka example: {@link Reservations}, on a database of its own, fed with
 * {@code Orders}' events from a Kafka topic ({@code KAFKA_BOOTSTRAP_SERVERS}). Prints {@code ready} once
 * it consumes; runs until its standard input ends.
 */
public final class KafkaFollowerProcess {
    private KafkaFollowerProcess() {}

    public static void main(String[] args) throws Exception {
        // tag::kafka-follower[]
        Map<String, Object> kafka = Map.of("bootstrap.servers", System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        var reservations = new Reservations(Map.of());             // its own database, from the environment
        if (!reservations.repository().contains(Stock.createId("apples"))) {
            reservations.addStock("apples", 10);
        }
        var republisher = new KafkaRepublisher(kafka, "orders", "reservations",   // topic, consumer group
                Republisher.to(reservations, "Orders", Mapper.standard()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            republisher.close();                                   // offsets committed after each commit
            reservations.close();
        }));
        // end::kafka-follower[]
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() != -1) {
            // until the test's JVM ends
        }
        System.exit(0);
    }
}
