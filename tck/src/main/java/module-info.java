/**
 * The conformance kit: abstract JUnit suites that every recorder backend (and any user-written one)
 * extends, one per recorder role, plus the application, system and projection suites.
 */
module io.eventsourcing.tck {
    requires transitive io.eventsourcing.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires static org.jspecify;
    // Databases (test support for server backends) opens JDBC connections to prepare schemas.
    requires java.sql;

    exports io.eventsourcing.tck;
    exports io.eventsourcing.tck.bankaccounts;
    exports io.eventsourcing.tck.system;
    exports io.eventsourcing.tck.dcb;

    // JUnit runs the suites reflectively; Jackson reads and writes the payload records of the mapper tests.
    opens io.eventsourcing.tck to org.junit.platform.commons, tools.jackson.databind;
    opens io.eventsourcing.tck.bankaccounts to io.eventsourcing.core, tools.jackson.databind;
    opens io.eventsourcing.tck.system to io.eventsourcing.core, tools.jackson.databind;
    opens io.eventsourcing.tck.dcb to io.eventsourcing.core, tools.jackson.databind;
}
