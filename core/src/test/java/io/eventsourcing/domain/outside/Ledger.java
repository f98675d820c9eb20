package io.eventsourcing.domain.outside;

import io.eventsourcing.domain.Aggregate;

/** An aggregate whose events are declared outside it, in the sealed {@link LedgerEvent}. */
public final class Ledger extends Aggregate<LedgerEvent> {
    private Ledger() {}

    @Override
    protected void apply(LedgerEvent event) {}
}
