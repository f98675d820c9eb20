package io.eventsourcing.tck.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.Projection;
import io.eventsourcing.tck.bankaccounts.BankAccount;

/**
 * Counts the bank accounts' events into {@link EventCounters}: {@link BankAccount.Opened} as created,
 * every other event as other.
 */
public class EventCountersProjection extends Projection<EventCounters> {

    /** @param view where the counts and the tracking position are kept */
    public EventCountersProjection(EventCounters view) {
        super(view);
    }

    @Override
    public void process(DomainEvent event, Tracking tracking) {
        if (event.payload() instanceof BankAccount.Opened) {
            view().incrementCreated(tracking);
        } else {
            view().incrementOther(tracking);
        }
    }
}
