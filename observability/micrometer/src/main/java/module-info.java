/**
 * Micrometer observations of event-sourced applications: saves, gets and event processing, for metrics
 * and tracing. Start with {@link io.eventsourcing.micrometer.EventSourcingObservations}.
 */
module io.eventsourcing.micrometer {
    requires transitive io.eventsourcing.core;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;
    requires static org.jspecify;

    exports io.eventsourcing.micrometer;
}
