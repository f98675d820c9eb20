package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a policy did for an upstream event in a {@link PolicyFixture}, and the expectations on it. Each
 * expectation returns the outcome, so several can follow each other; a failed one throws an
 * {@link AssertionError} naming the scenario and showing what differs.
 *
 * @param <A> the process application
 */
public final class PolicyOutcome<A extends ProcessApplication> {
    private final Outcome outcome;
    private final A application;

    PolicyOutcome(Outcome outcome, A application) {
        this.outcome = outcome;
        this.application = application;
    }

    /**
     * Expects the policy to have recorded exactly these events, of whichever aggregates, in the order
     * recorded: each equal to the one recorded (as read back), or of its class with the same JSON.
     *
     * @throws AssertionError if the events differ, naming each differing field, or if the policy threw
     */
    public PolicyOutcome<A> then(Object... expectedEvents) {
        outcome.expectEvents(expectedEvents);
        return this;
    }

    /**
     * Expects the policy to have recorded no event (only the tracking position).
     *
     * @throws AssertionError if it recorded some, or threw
     */
    public PolicyOutcome<A> thenNoEvents() {
        outcome.expectEvents();
        return this;
    }

    /**
     * Expects the policy to have thrown an exception of the type (which a runner would report wrapped in
     * an {@code EventProcessingException}), and returns it.
     *
     * @throws AssertionError if it threw nothing, or something else
     */
    public <X extends Throwable> X thenThrows(Class<X> type) {
        return outcome.expectThrown(type);
    }

    /**
     * Checks the application after the policy, with its queries and the caller's assertions.
     *
     * @throws AssertionError if a check fails, naming the scenario; or if the policy threw
     */
    public PolicyOutcome<A> thenState(Consumer<? super A> checks) {
        requireNonNull(checks, "checks");
        outcome.check(() -> checks.accept(application));
        return this;
    }

    /** The events the policy recorded, as read back, with their aggregates' ids and versions. */
    public List<DomainEvent> newEvents() {
        return outcome.events();
    }
}
