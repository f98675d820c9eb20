/**
 * The event-sourcing core: domain model, persistence contract with its in-memory backend, and the
 * application layer.
 */
@SuppressWarnings("module") // the qualified export names modules that are not built yet when core is
module io.eventsourcing.core {
    requires transitive tools.jackson.databind;
    requires transitive org.slf4j;
    requires static transitive org.jspecify;
    requires jdk.httpserver;
    requires transitive java.net.http;

    exports io.eventsourcing.domain;
    exports io.eventsourcing.persistence;
    exports io.eventsourcing.persistence.memory;
    exports io.eventsourcing.application;
    exports io.eventsourcing.system;
    exports io.eventsourcing.dcb;
    // Not API: the JDBC recorders make stored events from fresh rows, and bind them, without copying their bytes.
    exports io.eventsourcing.internal to io.eventsourcing.jdbc, io.eventsourcing.postgres, io.eventsourcing.sqlite;

    // Aggregates are user classes; their state is written and read back reflectively for snapshots.
    opens io.eventsourcing.domain to tools.jackson.databind;

    uses io.eventsourcing.persistence.InfrastructureFactoryProvider;
    provides io.eventsourcing.persistence.InfrastructureFactoryProvider
        with io.eventsourcing.persistence.memory.InMemoryFactoryProvider;
    uses io.eventsourcing.persistence.SettingNames;
    provides io.eventsourcing.persistence.SettingNames with io.eventsourcing.application.CoreSettingNames;
}
