/**
 * The fixtures of the system suites: process applications that follow the bank accounts
 * ({@link io.eventsourcing.tck.system.EmailProcess}, {@link io.eventsourcing.tck.system.Auditor}), a
 * pair that follow each other ({@link io.eventsourcing.tck.system.Commands} and
 * {@link io.eventsourcing.tck.system.Results}), their aggregates, and the event counters of the
 * projection suite.
 */
@NullMarked
package io.eventsourcing.tck.system;

import org.jspecify.annotations.NullMarked;
