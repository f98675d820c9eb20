/**
 * Test support for the PostgreSQL backend, shipped in the module's test jar: {@link
 * io.eventsourcing.postgres.testkit.PostgresCluster}, a throwaway PostgreSQL server of the tests' own
 * (started from the installed server binaries, on a free port, in a temporary directory) that tests
 * can restart, crash and cut connections of, for fault and connection tests.
 */
@NullMarked
package io.eventsourcing.postgres.testkit;

import org.jspecify.annotations.NullMarked;
