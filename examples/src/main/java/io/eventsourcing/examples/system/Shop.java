package io.eventsourcing.examples.system;

import io.eventsourcing.system.EventSourcingSystem;
import java.util.List;

/** The shop's system: which application follows which. */
public final class Shop {
    private Shop() {}

    /**
     * Reservations follows Orders, Orders follows Reservations (a cycle), and Payments follows Orders.
     */
    // tag::shop-system[]
    public static final EventSourcingSystem SYSTEM = EventSourcingSystem.of(
            List.of(Orders.class, Reservations.class, Orders.class),   // reserve stock, then decide the order
            List.of(Orders.class, Payments.class));                    // charge confirmed orders
    // end::shop-system[]
}
