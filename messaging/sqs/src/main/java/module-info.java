/** Publishing an application's events to an Amazon SQS FIFO queue and republishing them to a local follower. */
module io.eventsourcing.messaging.sqs {
    requires transitive io.eventsourcing.messaging;
    requires transitive software.amazon.awssdk.services.sqs;
    requires software.amazon.awssdk.core;
    requires static org.jspecify;

    exports io.eventsourcing.messaging.sqs;
}
