/**
 * Given/when/then test fixtures: for aggregates, for process applications' policies and for
 * projections. They run on the in-memory backend and fail with an {@link AssertionError}.
 */
module io.eventsourcing.test {
    requires transitive io.eventsourcing.core;
    requires static org.jspecify;

    exports io.eventsourcing.test;
}
