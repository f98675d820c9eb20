/** Publishing an application's events to Kafka and republishing them from Kafka to a local follower. */
module io.eventsourcing.messaging.kafka {
    requires transitive io.eventsourcing.messaging;
    requires transitive kafka.clients;
    requires static org.jspecify;
    // Optional: the Spring Boot auto-configuration, when the application has Spring Boot's Kafka support.
    requires static transitive spring.boot;
    requires static transitive spring.boot.autoconfigure;
    requires static transitive spring.boot.kafka;
    requires static transitive spring.context;
    requires static spring.core;
    requires static spring.beans;

    exports io.eventsourcing.messaging.kafka;
    exports io.eventsourcing.messaging.kafka.spring;
    // Spring makes the auto-configuration and binds the properties reflectively.
    opens io.eventsourcing.messaging.kafka.spring to spring.core, spring.beans, spring.context, spring.boot;
}
