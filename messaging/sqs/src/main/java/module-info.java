/** Publishing an application's events to an Amazon SQS FIFO queue and republishing them to a local follower. */
module io.eventsourcing.messaging.sqs {
    requires transitive io.eventsourcing.messaging;
    requires transitive software.amazon.awssdk.services.sqs;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires static org.jspecify;
    // Optional: the Spring Boot auto-configuration, when the application has an SqsClient bean.
    requires static transitive spring.boot;
    requires static transitive spring.boot.autoconfigure;
    requires static transitive spring.context;
    requires static spring.core;
    requires static spring.beans;

    exports io.eventsourcing.messaging.sqs;
    exports io.eventsourcing.messaging.sqs.spring;
    // Spring makes the auto-configuration and binds the properties reflectively.
    opens io.eventsourcing.messaging.sqs.spring to spring.core, spring.beans, spring.context, spring.boot;
}
