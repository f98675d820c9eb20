/**
 * The fault suite: a PostgreSQL cluster of the tests' own under a steady write load, restarted, crashed
 * and cut off, with writer processes killed, checking what is guaranteed under each fault. It runs
 * apart from the other tests ({@code -Pfaults}), see {@link io.eventsourcing.postgres.faults.FaultSuiteTest}.
 */
@NullMarked
package io.eventsourcing.postgres.faults;

import org.jspecify.annotations.NullMarked;
