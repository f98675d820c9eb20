package io.eventsourcing.domain.outside;

/** The events of {@link Ledger}, declared outside it. */
public sealed interface LedgerEvent permits LedgerEvent.Opened, Closed {
    /** Declared inside the event type, still outside the aggregate. */
    record Opened() implements LedgerEvent {}
}
