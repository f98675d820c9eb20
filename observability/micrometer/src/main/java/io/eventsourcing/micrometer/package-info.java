/**
 * Micrometer observations of event-sourced applications, made from the core's
 * {@link io.eventsourcing.application.ApplicationObserver} hook: {@code eventsourcing.save},
 * {@code eventsourcing.get} and {@code eventsourcing.process}, with their outcome (conflicts and missing
 * aggregates apart from failures), so that the registry's handlers make timers and counters of them and,
 * with Micrometer Tracing, spans. Start with {@link io.eventsourcing.micrometer.EventSourcingObservations}.
 */
@NullMarked
package io.eventsourcing.micrometer;

import org.jspecify.annotations.NullMarked;
