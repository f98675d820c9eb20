/** Publishing an application's events to RabbitMQ and republishing them from RabbitMQ to a local follower. */
module io.eventsourcing.messaging.rabbitmq {
    requires transitive io.eventsourcing.messaging;
    requires transitive com.rabbitmq.client;
    requires static org.jspecify;

    exports io.eventsourcing.messaging.rabbitmq;
}
