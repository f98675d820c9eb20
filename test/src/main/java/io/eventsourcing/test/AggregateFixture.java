package io.eventsourcing.test;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.Application;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * Design: the fixture runs the library's own machinery on the in-memory backend rather than poking at
 * the aggregate: the given events are stored, the aggregate is got from a repository (so it is rebuilt
 * through its no-argument constructor and apply, as in production), the command runs, and the
 * aggregate is saved (so its new events must pass the checks of a first save and be read back). The
 * expected events are compared with the new events as read back from the store, and the state the
 * caller checks is that of the aggregate rebuilt from all its events. A test thereby fails for every
 * reason the same code would fail in production.
 */

/**
 * Given past events of an aggregate, when a command, then the new events it triggered, or the exception
 * it threw:
 *
 * <pre>{@code
 * AggregateFixture.of(Dog.class)
 *         .given(new Dog.Registered("Fido"))
 *         .when(dog -> dog.addTrick("roll over"))
 *         .then(new Dog.TrickAdded("roll over"));
 *
 * AggregateFixture.of(Dog.class)
 *         .givenNothing()
 *         .whenCreated(() -> Dog.register("Fido"))
 *         .then(new Dog.Registered("Fido"))
 *         .thenState(dog -> assertThat(dog.tricks()).isEmpty());
 * }</pre>
 *
 * <p>It runs on the in-memory backend, in a plain {@link Application} or in the application given to
 * {@link #of(Class, Function)} (for its transcoder). One fixture is one scenario: make a new one for
 * each. Not thread-safe.
 *
 * @param <A> the aggregate class
 */
public final class AggregateFixture<A extends Aggregate<?>> {
    private static final Map<String, String> IN_MEMORY = Map.of(InfrastructureFactory.PERSISTENCE_MODULE, "memory");

    private final Class<A> type;
    private final Function<Map<String, String>, ? extends Application> applications;
    private final List<Object> given = new ArrayList<>();
    private UUID id = Ids.random();

    private AggregateFixture(Class<A> type, Function<Map<String, String>, ? extends Application> applications) {
        this.type = requireNonNull(type, "type");
        this.applications = requireNonNull(applications, "applications");
    }

    /** A fixture for the aggregate class, in a plain in-memory application. */
    public static <A extends Aggregate<?>> AggregateFixture<A> of(Class<A> type) {
        return new AggregateFixture<>(type, Application::new);
    }

    /**
     * A fixture for the aggregate class, in the application its constructor makes from the settings it
     * is given (the in-memory backend), so that its transcoder reads and writes the events.
     */
    public static <A extends Aggregate<?>> AggregateFixture<A> of(Class<A> type,
            Function<Map<String, String>, ? extends Application> application) {
        return new AggregateFixture<>(type, application);
    }

    /** Gives the aggregate of the given events this id, instead of a random one. */
    public AggregateFixture<A> withId(UUID aggregateId) {
        this.id = requireNonNull(aggregateId, "aggregateId");
        return this;
    }

    /** The id of the aggregate the given events belong to. */
    public UUID id() {
        return id;
    }

    /**
     * Past events of the aggregate, its first one creating it, as they would have been triggered: each
     * is stored at the next version.
     */
    public AggregateFixture<A> given(Object... events) {
        requireNonNull(events, "events");
        for (Object event : events) {
            given.add(requireNonNull(event, "event"));
        }
        return this;
    }

    /** No past events: the aggregate is created by the command, see {@link #whenCreated}. */
    public AggregateFixture<A> givenNothing() {
        if (!given.isEmpty()) {
            throw new IllegalStateException("events were given already: " + given);
        }
        return this;
    }

    /**
     * Runs a command on the aggregate rebuilt from the given events, then saves it.
     *
     * @throws IllegalStateException if no events were given (create it with {@link #whenCreated}), or the
     *     given events do not rebuild the aggregate
     */
    public AggregateOutcome<A> when(Consumer<? super A> command) {
        requireNonNull(command, "command");
        if (given.isEmpty()) {
            throw new IllegalStateException("no events were given, so there is no " + type.getSimpleName()
                    + " to run the command on: give its past events, or create it with whenCreated(...)");
        }
        String scenario = type.getSimpleName() + " given " + EventsDiff.render(given, Mapper.standard().transcoder());
        try (Application application = applications.apply(IN_MEMORY)) {
            store(application);
            A aggregate;
            try {
                aggregate = application.repository().get(type, id);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the given events do not rebuild a " + type.getSimpleName() + ": "
                        + e.getMessage(), e);
            }
            try {
                command.accept(aggregate);
            } catch (RuntimeException e) {
                return outcome(application, scenario, e, null, null);
            }
            return saved(application, scenario, aggregate);
        }
    }

    /**
     * Runs a command that creates the aggregate, such as a static factory method, then saves it.
     *
     * @throws IllegalStateException if events were given
     */
    public AggregateOutcome<A> whenCreated(Supplier<? extends A> creation) {
        requireNonNull(creation, "creation");
        if (!given.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " exists already, given " + given
                    + ": run a command on it with when(...)");
        }
        String scenario = "a new " + type.getSimpleName();
        try (Application application = applications.apply(IN_MEMORY)) {
            A aggregate;
            try {
                aggregate = requireNonNull(creation.get(), "the creation command returned null");
            } catch (RuntimeException e) {
                return outcome(application, scenario, e, null, null);
            }
            id = aggregate.id();
            return saved(application, scenario, aggregate);
        }
    }

    private void store(Application application) {
        Mapper mapper = application.mapper();
        List<StoredEvent> stored = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < given.size(); i++) {
            DomainEvent event = new DomainEvent(id, i + 1, now, given.get(i));
            stored.add(mapper.toStoredEvent(event, i == 0 ? type : null));
        }
        application.recorder().insertEvents(stored);
    }

    private AggregateOutcome<A> saved(Application application, String scenario, A aggregate) {
        try {
            application.save(aggregate);
        } catch (RuntimeException e) {
            return outcome(application, scenario, null, e, null);
        }
        A rebuilt;
        try {
            rebuilt = application.repository().get(type, id);
        } catch (AggregateNotFoundException e) {
            rebuilt = aggregate;     // discarded: the repository has it no more
        }
        return outcome(application, scenario, null, null, rebuilt);
    }

    private AggregateOutcome<A> outcome(Application application, String scenario, @Nullable Throwable thrown,
            @Nullable Throwable unsaved, @Nullable A aggregate) {
        List<DomainEvent> events = thrown == null && unsaved == null
                ? application.events().get(id, (long) given.size(), null, false, null)
                : List.of();
        return new AggregateOutcome<>(new Outcome(scenario, events, thrown, unsaved,
                application.mapper().transcoder()), aggregate);
    }

    @Override
    public String toString() {
        return "AggregateFixture[" + type.getSimpleName() + " given " + Arrays.toString(given.toArray()) + "]";
    }
}
