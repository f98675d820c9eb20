/** Publishing an application's events to Kafka and republishing them from Kafka to a local follower. */
module io.eventsourcing.messaging.kafka {
    requires transitive io.eventsourcing.messaging;
    requires transitive kafka.clients;
    requires static org.jspecify;

    exports io.eventsourcing.messaging.kafka;
}
