package io.eventsourcing.examples.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Places orders, and decides them as {@link Reservations} reserves or refuses their stock: a process
 * application that is both a leader (of Reservations and Payments) and a follower (of Reservations).
 * Thread-safe.
 */
public class Orders extends ProcessApplication {

    /** An application configured by {@code env} over the process environment. */
    public Orders(Map<String, String> env) {
        super(env);
    }

    /**
     * Places an order.
     *
     * @return the order's id
     * @throws IllegalArgumentException if the quantity is not positive or the price is negative
     */
    public UUID placeOrder(String item, int quantity, long priceInCents) {
        Order order = Order.place(item, quantity, priceInCents);
        save(order);
        return order.id();
    }

    /**
     * Where an order stands.
     *
     * @throws io.eventsourcing.application.AggregateNotFoundException if there is no such order
     */
    public Order.Status status(UUID orderId) {
        return repository().get(Order.class, orderId).status();
    }

    // tag::orders-policy[]
    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(Stock.Reserved.class, Stock.Refused.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        switch (event.payload()) {
            case Stock.Reserved reserved -> {
                Order order = repository().get(Order.class, reserved.orderId());
                order.confirm();
                processing.collect(order);
            }
            case Stock.Refused refused -> {
                Order order = repository().get(Order.class, refused.orderId());
                order.reject("only " + refused.available() + " in stock");
                processing.collect(order);
            }
            default -> throw new IllegalArgumentException("Orders does not follow " + event.payload());
        }
    }
    // end::orders-policy[]
}
