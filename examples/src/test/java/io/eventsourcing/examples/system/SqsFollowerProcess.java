package io.eventsourcing.examples.system;

import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.sqs.SqsPublisher;
import io.eventsourcing.messaging.sqs.SqsRepublisher;
import io.eventsourcing.persistence.Mapper;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The follower's JVM of the README's SQS example: {@link Reservations}, on a database of its own, fed with
 * {@code Orders}' events from an SQS FIFO queue. The region, credentials and endpoint come from the
 * environment ({@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code
 * AWS_ENDPOINT_URL_SQS}). Prints {@code ready} once it receives; runs until its standard input ends.
 */
public final class SqsFollowerProcess {
    private SqsFollowerProcess() {}

    public static void main(String[] args) throws Exception {
        // tag::sqs-follower[]
        var sqs = SqsClient.create();                              // region, credentials, endpoint: AWS_* variables
        String queue = SqsPublisher.createQueue(sqs, "reservations-orders.fifo");   // a FIFO queue of its own
        var reservations = new Reservations(Map.of());             // its own database, from the environment
        if (!reservations.repository().contains(Stock.createId("apples"))) {
            reservations.addStock("apples", 10);
        }
        var republisher = new SqsRepublisher(sqs, queue, Republisher.to(reservations, "Orders", Mapper.standard()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            republisher.close();                                   // what was not deleted comes back later
            reservations.close();
        }));
        // end::sqs-follower[]
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() != -1) {
            // until the test's JVM ends
        }
        System.exit(0);
    }
}
