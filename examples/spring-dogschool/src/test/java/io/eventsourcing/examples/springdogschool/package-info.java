/** The dog school's HTTP tests, on SQLite and on PostgreSQL. */
@NullMarked
package io.eventsourcing.examples.springdogschool;

import org.jspecify.annotations.NullMarked;
