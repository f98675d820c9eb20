package io.eventsourcing.examples.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.UUID;

/**
 * The payment of one order. Its id is derived from the order's, so charging an order twice would be
 * refused as a conflict rather than charge the customer again.
 */
public class Payment extends Aggregate<Payment.Event> {

    /** What can happen to a payment. */
    public sealed interface Event permits Charged {}

    /** The customer was charged for an order. */
    public record Charged(UUID orderId, long amountInCents) implements Event {}

    private long amountInCents;

    /** The id of the payment of an order. */
    public static UUID createId(UUID orderId) {
        return Ids.nameBased("/payments/" + orderId);
    }

    /** Charges the customer for an order. */
    public static Payment charge(UUID orderId, long amountInCents) {
        requireNonNull(orderId, "orderId");
        return create(Payment::new, createId(orderId), new Charged(orderId, amountInCents));
    }

    /** The amount charged. */
    public long amountInCents() {
        return amountInCents;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Charged e -> amountInCents = e.amountInCents();
        }
    }
}
