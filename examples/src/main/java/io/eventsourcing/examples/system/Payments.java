package io.eventsourcing.examples.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** Charges the customer for each order {@link Orders} confirms. Thread-safe. */
public class Payments extends ProcessApplication {

    /** An application configured by {@code env} over the process environment. */
    public Payments(Map<String, String> env) {
        super(env);
    }

    /** The amount charged for an order, if it was charged. */
    public OptionalLong charged(UUID orderId) {
        UUID id = Payment.createId(orderId);
        return repository().contains(id)
                ? OptionalLong.of(repository().get(Payment.class, id).amountInCents())
                : OptionalLong.empty();
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(Order.Confirmed.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof Order.Confirmed confirmed) {
            processing.collect(Payment.charge(event.originatorId(), confirmed.amountInCents()));
        }
    }
}
