package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a command of an {@link AggregateFixture} did, and the expectations on it. Each expectation
 * returns the outcome, so several can follow each other; a failed one throws an {@link AssertionError}
 * naming the scenario and showing what differs.
 *
 * @param <A> the aggregate class
 */
public final class AggregateOutcome<A extends Aggregate<?>> {
    private final Outcome outcome;
    private final @Nullable A aggregate;

    AggregateOutcome(Outcome outcome, @Nullable A aggregate) {
        this.outcome = outcome;
        this.aggregate = aggregate;
    }

    /**
     * Expects the command to have triggered exactly these events, in this order: each equal to the one
     * triggered (as read back from the store), or of its class with the same JSON.
     *
     * @throws AssertionError if the events differ, naming each differing field, or if the command threw
     */
    public AggregateOutcome<A> then(Object... expectedEvents) {
        outcome.expectEvents(expectedEvents);
        return this;
    }

    /**
     * Expects the command to have triggered no event.
     *
     * @throws AssertionError if it triggered some, or threw
     */
    public AggregateOutcome<A> thenNoEvents() {
        outcome.expectEvents();
        return this;
    }

    /**
     * Expects the command to have thrown an exception of the type, and returns it for more checks.
     *
     * @throws AssertionError if it threw nothing, or something else
     */
    public <X extends Throwable> X thenThrows(Class<X> type) {
        return outcome.expectThrown(type);
    }

    /**
     * Checks the aggregate after the command, as rebuilt from all its events (or, if it was discarded,
     * as the command left it), with the caller's assertions.
     *
     * @throws AssertionError if a check fails, naming the scenario; or if the command threw
     */
    public AggregateOutcome<A> thenState(Consumer<? super A> checks) {
        requireNonNull(checks, "checks");
        outcome.check(() -> checks.accept(requireNonNull(aggregate, "aggregate")));
        return this;
    }

    /** The new events as read back from the store, with their ids, versions and timestamps. */
    public List<DomainEvent> newEvents() {
        return outcome.events();
    }
}
