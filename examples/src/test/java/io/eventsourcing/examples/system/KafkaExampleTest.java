package io.eventsourcing.examples.system;

import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.fixtures.JavaProcess;
import io.eventsourcing.messaging.kafka.KafkaPublisher;
import io.eventsourcing.messaging.kafka.KafkaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Kafka example: {@code Orders} here publishes to a Kafka topic, and {@code Reservations} in
 * another JVM ({@link KafkaFollowerProcess}), on a database of its own, reserves stock for each order. The
 * broker is a KRaft node the test starts in a third JVM.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KafkaExampleTest {
    @TempDir
    Path directory;

    @Test
    @Timeout(240)
    void a_follower_in_another_jvm_reserves_stock_for_the_orders_placed_here() throws Exception {
        try (var server = KafkaServer.start(directory.resolve("kafka"))) {
            String bootstrap = server.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
            }
            Map<String, String> followerEnv = Map.of("PERSISTENCE_MODULE", "sqlite",
                    "SQLITE_DBNAME", directory.resolve("reservations.db").toString(),
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            Map<String, String> env = Map.of("PERSISTENCE_MODULE", "sqlite",
                    "SQLITE_DBNAME", directory.resolve("orders.db").toString());
            try (var follower = JavaProcess.start(KafkaFollowerProcess.class, followerEnv)) {
                follower.awaitLine("ready", Duration.ofSeconds(60));
                // tag::kafka-leader[]
                Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap);
                try (var orders = new Orders(env);
                        var publisher = new KafkaPublisher(orders, kafka, "orders", PublisherSettings.of("Orders->kafka"))) {
                    UUID order = orders.placeOrder("apples", 3, 50);
                    publisher.waitFor(orders.recorder().maxNotificationId(), Duration.ofSeconds(30));   // Kafka has it
                    // end::kafka-leader[]
                    BrokerExamples.placeAnotherAndAwaitBothReserved(orders, order, followerEnv, follower);
                }
            }
        }
    }
}
