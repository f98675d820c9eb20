package io.eventsourcing.domain.outside;

/** A top-level event of {@link Ledger}. */
public record Closed() implements LedgerEvent {}
