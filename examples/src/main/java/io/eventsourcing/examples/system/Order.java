package io.eventsourcing.examples.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;

/**
 * An order of some quantity of one item. It is placed, then confirmed once its stock is reserved or
 * rejected when there is not enough; each decision is taken once.
 */
public class Order extends Aggregate<Order.Event> {

    /** What can happen to an order. */
    public sealed interface Event permits Placed, Confirmed, Rejected {}

    /** The order was placed. */
    public record Placed(String item, int quantity, long priceInCents) implements Event {}

    /** The stock was reserved: the order will be delivered and is to be paid. */
    public record Confirmed(long amountInCents) implements Event {}

    /** The stock could not be reserved. */
    public record Rejected(String reason) implements Event {}

    /** Where an order stands. */
    public enum Status { PLACED, CONFIRMED, REJECTED }

    private String item = "";
    private int quantity;
    private long priceInCents;
    private Status status = Status.PLACED;

    /**
     * A new order with a random id.
     *
     * @throws IllegalArgumentException if the quantity is not positive or the price is negative
     */
    public static Order place(String item, int quantity, long priceInCents) {
        requireNonNull(item, "item");
        if (quantity < 1) {
            throw new IllegalArgumentException("an order needs a quantity of at least 1, not " + quantity);
        }
        if (priceInCents < 0) {
            throw new IllegalArgumentException("a price cannot be negative: " + priceInCents);
        }
        return create(Order::new, Ids.random(), new Placed(item, quantity, priceInCents));
    }

    /**
     * Confirms the order, to be paid for its quantity at its price.
     *
     * @throws IllegalStateException if the order was decided already
     */
    public void confirm() {
        requirePlaced("confirm");
        trigger(new Confirmed(quantity * priceInCents));
    }

    /**
     * Rejects the order.
     *
     * @throws IllegalStateException if the order was decided already
     */
    public void reject(String reason) {
        requirePlaced("reject");
        trigger(new Rejected(requireNonNull(reason, "reason")));
    }

    /** The item ordered. */
    public String item() {
        return item;
    }

    /** How many. */
    public int quantity() {
        return quantity;
    }

    /** Where the order stands. */
    public Status status() {
        return status;
    }

    private void requirePlaced(String what) {
        if (status != Status.PLACED) {
            throw new IllegalStateException("cannot " + what + " order " + id() + ": it is " + status
                    + " already, and an order is decided once");
        }
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Placed e -> {
                item = e.item();
                quantity = e.quantity();
                priceInCents = e.priceInCents();
            }
            case Confirmed e -> status = Status.CONFIRMED;
            case Rejected e -> status = Status.REJECTED;
        }
    }
}
