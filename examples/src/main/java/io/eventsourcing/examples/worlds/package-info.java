/** Worlds: an aggregate with a growing history, an application that snapshots it. */
@NullMarked
package io.eventsourcing.examples.worlds;

import org.jspecify.annotations.NullMarked;
