package io.eventsourcing.examples.system;

import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.fixtures.JavaProcess;
import io.eventsourcing.messaging.sqs.SqsPublisher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The README's SQS example: {@code Orders} here publishes to an SQS FIFO queue, and {@code Reservations}
 * in another JVM ({@link SqsFollowerProcess}), on a database of its own, reserves stock for each order.
 * SQS is ElasticMQ, an SQS-compatible server, in this JVM.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SqsExampleTest {
    @TempDir
    Path directory;

    @Test
    @Timeout(180)
    void a_follower_in_another_jvm_reserves_stock_for_the_orders_placed_here() throws Exception {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
        server.waitUntilStarted();
        String endpoint = "http://127.0.0.1:" + port;
        Map<String, String> followerEnv = Map.of("PERSISTENCE_MODULE", "sqlite",
                "SQLITE_DBNAME", directory.resolve("reservations.db").toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_SQS", endpoint);
        Map<String, String> env = Map.of("PERSISTENCE_MODULE", "sqlite",
                "SQLITE_DBNAME", directory.resolve("orders.db").toString());
        try (var sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build();
                var follower = JavaProcess.start(SqsFollowerProcess.class, followerEnv)) {
            follower.awaitLine("ready", Duration.ofSeconds(60));      // its queue exists
            // tag::sqs-leader[]
            String queue = sqs.getQueueUrl(b -> b.queueName("reservations-orders.fifo")).queueUrl();
            try (var orders = new Orders(env);
                    var publisher = new SqsPublisher(orders, sqs, queue, PublisherSettings.of("Orders->sqs"))) {
                UUID order = orders.placeOrder("apples", 3, 50);
                publisher.waitFor(orders.recorder().maxNotificationId(), Duration.ofSeconds(10));   // SQS has it
                // end::sqs-leader[]
                BrokerExamples.placeAnotherAndAwaitBothReserved(orders, order, followerEnv, follower);
            }
        } finally {
            server.stopAndWait();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
