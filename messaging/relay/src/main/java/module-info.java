/**
 * What the broker modules share: the message format of a relayed event, the {@link
 * io.eventsourcing.messaging.Publisher} that follows a notification log and sends it to a broker, and the
 * {@link io.eventsourcing.messaging.Republisher} that feeds a local follower from a broker, exactly once.
 */
@SuppressWarnings("module") // the broker modules named below need not all be in the build that compiles this
module io.eventsourcing.messaging {
    requires transitive io.eventsourcing.core;
    requires static org.jspecify;

    exports io.eventsourcing.messaging;
    exports io.eventsourcing.messaging.internal to io.eventsourcing.messaging.rabbitmq,
            io.eventsourcing.messaging.sqs, io.eventsourcing.messaging.kafka;
}
