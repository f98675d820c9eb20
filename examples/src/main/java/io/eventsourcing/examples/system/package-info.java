/**
 * An event-driven system: {@link io.eventsourcing.examples.system.Orders} places orders,
 * {@link io.eventsourcing.examples.system.Reservations} reserves stock for them, Orders confirms or
 * rejects each order when its reservation is decided, and {@link io.eventsourcing.examples.system.Payments}
 * charges the confirmed ones. {@link io.eventsourcing.examples.system.Shop#SYSTEM} wires them.
 */
@NullMarked
package io.eventsourcing.examples.system;

import org.jspecify.annotations.NullMarked;
