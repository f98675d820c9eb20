package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Transcoder;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a fixture's "when" did: the events it recorded, read back from the store, or what it threw;
 * and the expectations every fixture offers on that, failing with an {@link AssertionError} that names
 * the scenario.
 */
final class Outcome {
    private final String scenario;
    private final List<DomainEvent> events;
    private final @Nullable Throwable thrown;
    private final @Nullable Throwable unsaved;
    private final Transcoder transcoder;

    /**
     * @param scenario what was done, for messages: "Dog.addTrick given [Registered[name=Fido]]"
     * @param events the new events, as read back
     * @param thrown what the "when" threw, or null
     * @param unsaved why the new events could not be recorded, or null
     */
    Outcome(String scenario, List<DomainEvent> events, @Nullable Throwable thrown, @Nullable Throwable unsaved,
            Transcoder transcoder) {
        this.scenario = scenario;
        this.events = List.copyOf(events);
        this.thrown = thrown;
        this.unsaved = unsaved;
        this.transcoder = transcoder;
    }

    /** What was done, for messages. */
    String scenario() {
        return scenario;
    }

    List<DomainEvent> events() {
        return events;
    }

    List<Object> payloads() {
        return events.stream().map(DomainEvent::payload).toList();
    }

    /** Expects exactly these new events, in this order. */
    void expectEvents(Object... expected) {
        requireNonNull(expected, "expected");
        requireRecorded("the events " + EventsDiff.render(Arrays.asList(expected), transcoder));
        String differences = EventsDiff.differences(Arrays.asList(expected), payloads(), transcoder);
        if (differences != null) {
            throw new AssertionError(scenario + ": the new events are not those expected:\n" + differences);
        }
    }

    /** Expects the "when" to have thrown an exception of the type, and returns it. */
    <X extends Throwable> X expectThrown(Class<X> type) {
        requireNonNull(type, "type");
        if (thrown == null) {
            throw new AssertionError(scenario + ": expected " + type.getName() + " to be thrown, but "
                    + (unsaved != null ? "its events could not be recorded: " + unsaved
                            : events.isEmpty() ? "nothing was thrown and no event recorded"
                                    : "nothing was thrown and it recorded " + EventsDiff.render(payloads(), transcoder)),
                    unsaved);
        }
        if (!type.isInstance(thrown)) {
            throw new AssertionError(scenario + ": expected " + type.getName() + " to be thrown, but it threw " + thrown,
                    thrown);
        }
        return type.cast(thrown);
    }

    /** Runs the caller's checks of the state after the "when", telling the scenario if one fails. */
    void check(Runnable checks) {
        requireRecorded("a state to check");
        try {
            checks.run();
        } catch (AssertionError e) {
            AssertionError told = new AssertionError(scenario + ": " + e.getMessage(), e);
            told.setStackTrace(e.getStackTrace());
            throw told;
        }
    }

    /** Fails if the "when" threw or its events could not be recorded, for expectations of a result. */
    void requireRecorded(String expected) {
        if (thrown != null) {
            throw new AssertionError(scenario + ": expected " + expected + ", but it threw " + thrown, thrown);
        }
        if (unsaved != null) {
            throw new AssertionError(scenario + ": expected " + expected + ", but its events could not be recorded: "
                    + unsaved.getMessage(), unsaved);
        }
    }
}
