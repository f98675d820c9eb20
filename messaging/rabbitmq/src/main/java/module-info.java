/** Publishing an application's events to RabbitMQ and republishing them from RabbitMQ to a local follower. */
module io.eventsourcing.messaging.rabbitmq {
    requires transitive io.eventsourcing.messaging;
    requires transitive com.rabbitmq.client;
    requires static org.jspecify;
    // Optional: the Spring Boot auto-configuration, when the application has Spring Boot's AMQP support.
    requires static transitive spring.boot;
    requires static transitive spring.boot.autoconfigure;
    requires static transitive spring.context;
    requires static transitive spring.rabbit;
    requires static spring.core;
    requires static spring.beans;

    exports io.eventsourcing.messaging.rabbitmq;
    exports io.eventsourcing.messaging.rabbitmq.spring;
    // Spring makes the auto-configuration and binds the properties reflectively.
    opens io.eventsourcing.messaging.rabbitmq.spring to spring.core, spring.beans, spring.context, spring.boot;
}
