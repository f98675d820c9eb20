/**
 * The conformance kit: abstract JUnit suites that every recorder backend (and any user-written one)
 * extends, one per recorder role, plus the application suite.
 */
module io.eventsourcing.tck {
    requires transitive io.eventsourcing.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires static org.jspecify;

    exports io.eventsourcing.tck;
    exports io.eventsourcing.tck.bankaccounts;

    opens io.eventsourcing.tck to org.junit.platform.commons;
    opens io.eventsourcing.tck.bankaccounts to io.eventsourcing.core, tools.jackson.databind;
}
