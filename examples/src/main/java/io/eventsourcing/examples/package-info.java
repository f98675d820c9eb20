/**
 * The worked examples of the event-sourcing library and the quick start ({@link
 * io.eventsourcing.examples.QuickStart}). Not published: read them, copy them, run their tests.
 */
@NullMarked
package io.eventsourcing.examples;

import org.jspecify.annotations.NullMarked;
