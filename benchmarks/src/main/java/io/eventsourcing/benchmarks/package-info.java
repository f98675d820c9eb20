/**
 * Benchmarks of the library against a raw-JDBC baseline doing the same work on the same tables: the
 * JMH benchmarks ({@code *Benchmark}) and the one-command {@link io.eventsourcing.benchmarks.SideBySide}
 * runner. Not published.
 */
@NullMarked
package io.eventsourcing.benchmarks;

import org.jspecify.annotations.NullMarked;
