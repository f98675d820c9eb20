package io.eventsourcing.examples.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The stock of one item, found by the item's name. Orders reserve from it; an order asking for more
 * than is available is refused, which is recorded too, so the decision is never taken twice.
 */
public class Stock extends Aggregate<Stock.Event> {

    /** What can happen to a stock. */
    public sealed interface Event permits Added, Reserved, Refused {}

    /** Items were added; the first such event creates the stock. */
    public record Added(String item, int quantity) implements Event {}

    /** Items were reserved for an order. */
    public record Reserved(UUID orderId, int quantity) implements Event {}

    /** An order asked for more than was available. */
    public record Refused(UUID orderId, int quantity, int available) implements Event {}

    private String item = "";
    private int available;
    private final List<UUID> reservedFor = new ArrayList<>();

    /** The id of the stock of an item. */
    public static UUID createId(String item) {
        return Ids.nameBased("/stock/" + item);
    }

    /**
     * A new stock of an item.
     *
     * @throws IllegalArgumentException if the quantity is negative
     */
    public static Stock create(String item, int quantity) {
        requireNonNull(item, "item");
        checkQuantity(quantity);
        return create(Stock::new, createId(item), new Added(item, quantity));
    }

    /**
     * Adds items.
     *
     * @throws IllegalArgumentException if the quantity is negative
     */
    public void add(int quantity) {
        checkQuantity(quantity);
        trigger(new Added(item, quantity));
    }

    /** Reserves items for an order if enough are available, else records the refusal. */
    public void reserve(UUID orderId, int quantity) {
        requireNonNull(orderId, "orderId");
        if (quantity <= available) {
            trigger(new Reserved(orderId, quantity));
        } else {
            trigger(new Refused(orderId, quantity, available));
        }
    }

    /** How many items are available. */
    public int available() {
        return available;
    }

    /** The orders items were reserved for, in order. */
    public List<UUID> reservedFor() {
        return List.copyOf(reservedFor);
    }

    private static void checkQuantity(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("cannot add a negative quantity: " + quantity);
        }
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Added e -> {
                item = e.item();
                available += e.quantity();
            }
            case Reserved e -> {
                available -= e.quantity();
                reservedFor.add(e.orderId());
            }
            case Refused e -> { }
        }
    }
}
