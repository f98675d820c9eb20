/**
 * Spring Boot auto-configuration of event-sourced applications: on the context's {@code DataSource},
 * in its transactions, with the Flyway migration, runners as lifecycle beans, health and metrics.
 */
module io.eventsourcing.spring.boot {
    requires transitive io.eventsourcing.jdbc;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires transitive spring.beans;
    requires transitive spring.boot.jdbc;
    requires transitive spring.core;
    requires transitive spring.boot;
    requires transitive spring.boot.sql;
    requires spring.jdbc;
    requires spring.tx;
    requires static flyway.core;
    // Optional: the health indicator and the meters, when the application has them.
    requires static transitive micrometer.core;
    requires static transitive spring.boot.health;
    // Optional: observations of the applications.
    requires static io.eventsourcing.micrometer;
    requires static micrometer.observation;
    requires static org.jspecify;
    // Optional: problem details and the notification log endpoint, in a Spring MVC application.
    requires static transitive spring.web;
    requires static spring.webmvc;
    requires com.zaxxer.hikari;

    exports io.eventsourcing.spring.boot;
    // Spring makes the auto-configuration and its beans reflectively.
    opens io.eventsourcing.spring.boot to spring.core, spring.beans, spring.context, spring.web, spring.webmvc;

    provides io.eventsourcing.persistence.InfrastructureFactoryProvider
            with io.eventsourcing.spring.boot.internal.SpringFactoryProvider;
    provides io.eventsourcing.persistence.SettingNames with io.eventsourcing.spring.boot.internal.SpringSettingNames;
}
