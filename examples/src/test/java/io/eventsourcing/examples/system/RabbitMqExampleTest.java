package io.eventsourcing.examples.system;

import com.rabbitmq.client.ConnectionFactory;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.fixtures.JavaProcess;
import io.eventsourcing.messaging.rabbitmq.RabbitMqPublisher;
import io.eventsourcing.tck.Databases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's RabbitMQ example: {@code Orders} here publishes to RabbitMQ, and {@code Reservations} in
 * another JVM ({@link RabbitMqFollowerProcess}), on a database of its own, reserves stock for each order.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RabbitMqExampleTest {
    @TempDir
    Path directory;

    @BeforeAll
    static void rabbitMqAnswers() throws Exception {
        Databases.requireReachable("RabbitMQ", "127.0.0.1", 5672);
        var connections = new ConnectionFactory();
        connections.setHost("127.0.0.1");
        try (var connection = connections.newConnection(); var channel = connection.createChannel()) {
            channel.queueDelete("reservations.orders");   // what an earlier run may have left
            channel.exchangeDelete("orders");
        }
    }

    @Test
    @Timeout(180)
    void a_follower_in_another_jvm_reserves_stock_for_the_orders_placed_here() throws Exception {
        Map<String, String> followerEnv = Map.of("PERSISTENCE_MODULE", "sqlite",
                "SQLITE_DBNAME", directory.resolve("reservations.db").toString());
        Map<String, String> env = Map.of("PERSISTENCE_MODULE", "sqlite",
                "SQLITE_DBNAME", directory.resolve("orders.db").toString());
        try (var follower = JavaProcess.start(RabbitMqFollowerProcess.class, followerEnv)) {
            follower.awaitLine("ready", Duration.ofSeconds(60));      // its queue is bound
            // tag::rabbitmq-leader[]
            var connections = new ConnectionFactory();                 // guest/guest on port 5672
            connections.setHost("127.0.0.1");
            try (var orders = new Orders(env);
                    var publisher = new RabbitMqPublisher(orders, connections, "orders",
                            PublisherSettings.of("Orders->rabbitmq"))) {   // its position is tracked under this name
                UUID order = orders.placeOrder("apples", 3, 50);
                publisher.waitFor(orders.recorder().maxNotificationId(), Duration.ofSeconds(10));   // RabbitMQ has it
                // end::rabbitmq-leader[]
                BrokerExamples.placeAnotherAndAwaitBothReserved(orders, order, followerEnv, follower);
            }
        }
    }
}
