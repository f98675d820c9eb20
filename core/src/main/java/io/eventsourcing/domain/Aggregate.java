package io.eventsourcing.domain;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.internal.AggregateAccess;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * Design: an aggregate's state changes only in apply(E), and apply serves both new events (through
 * trigger) and stored events (through the repository's replay), so a replayed aggregate is exactly the
 * one that was saved. The base class owns the envelope (id, version, timestamps, pending events) and
 * checks every event's originator id and version *before* apply runs, so a misplaced event leaves
 * the aggregate unchanged. The application and persistence layers reach the few internals they need
 * (replay, restore from a snapshot, instantiate) through AggregateAccess, which is not exported.
 */

/**
 * The base class of event-sourced aggregates. Subclasses declare their events (usually a sealed
 * interface of records), change state only in {@link #apply}, and offer commands that call
 * {@link #trigger}. A no-argument constructor (of any visibility) is required so the repository can
 * rebuild the aggregate from its events.
 *
 * <pre>{@code
 * public class Dog extends Aggregate<Dog.Event> {
 *     public sealed interface Event permits Registered, TrickAdded {}
 *     public record Registered(String name) implements Event {}
 *     public record TrickAdded(String trick) implements Event {}
 *     ...
 *     public static Dog register(String name) { return create(Dog::new, createId(name), new Registered(name)); }
 *     public void addTrick(String trick) { trigger(new TrickAdded(trick)); }
 *     @Override protected void apply(Event event) { switch (event) { ... } }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: an aggregate instance belongs to one thread at a time. The repository hands out
 * fresh instances, so threads never share one.
 *
 * @param <E> the type of the aggregate's event payloads; {@code Object} for an open set
 */
public abstract class Aggregate<E> {
    static {
        AggregateAccess.install(new Access());
    }

    private @Nullable UUID id;
    private long version;
    private @Nullable Instant createdOn;
    private @Nullable Instant modifiedOn;
    private boolean discarded;
    private final transient List<DomainEvent> pendingEvents = new ArrayList<>();

    /** For subclasses. */
    protected Aggregate() {}

    /**
     * Creates an aggregate from its first event: builds it with {@code constructor}, applies the event
     * as version 1 and keeps it pending until the aggregate is saved.
     *
     * @param constructor makes an empty aggregate, usually {@code Dog::new}
     * @param id the new aggregate's id, random ({@link Ids#random()}) or name-based ({@link Ids#nameBased})
     * @param event the creation event payload
     * @throws NullPointerException if an argument is null
     */
    protected static <A extends Aggregate<E>, E> A create(Supplier<A> constructor, UUID id, E event) {
        requireNonNull(constructor, "constructor");
        requireNonNull(id, "id");
        requireNonNull(event, "event");
        A aggregate = requireNonNull(constructor.get(), "constructor returned null");
        Aggregate<E> base = aggregate;
        if (base.version != 0) {
            throw new IllegalStateException("constructor must return a new aggregate, got " + base.describe());
        }
        DomainEvent created = new DomainEvent(id, 1, Instant.now(), event);
        base.mutate(created);
        base.pendingEvents.add(created);
        return aggregate;
    }

    /**
     * Records that something happened: applies the event as the next version and keeps it pending
     * until the aggregate is saved.
     *
     * @throws IllegalStateException if the aggregate was never created or has been discarded
     */
    protected final void trigger(E event) {
        requireNonNull(event, "event");
        triggerPayload(event);
    }

    /**
     * Discards the aggregate: records the library's {@link Discarded} event. Once saved, the
     * repository treats the aggregate as gone ({@code contains} is false, {@code get} fails).
     *
     * @throws IllegalStateException if the aggregate was never created or is already discarded
     */
    public final void discard() {
        triggerPayload(new Discarded());
    }

    /**
     * Changes the state for one event. Called for new events (from {@link #trigger} and
     * {@link #create}) and for stored ones when the aggregate is loaded. Must not trigger events or
     * touch anything outside the aggregate.
     */
    protected abstract void apply(E event);

    /** The aggregate's id. */
    public final UUID id() {
        return requireCreated(id);
    }

    /** The version of the last event applied: 1 after creation, 0 only before it. */
    public final long version() {
        return version;
    }

    /** When the aggregate was created (its first event's timestamp), in UTC. */
    public final Instant createdOn() {
        return requireCreated(createdOn);
    }

    /** When the aggregate last changed (its last event's timestamp), in UTC. */
    public final Instant modifiedOn() {
        return requireCreated(modifiedOn);
    }

    /** The events triggered since the aggregate was loaded or last saved, oldest first (a copy). */
    public final List<DomainEvent> pendingEvents() {
        return List.copyOf(pendingEvents);
    }

    /** Removes and returns the pending events, oldest first. The application does this when it saves. */
    public final List<DomainEvent> collectEvents() {
        List<DomainEvent> collected = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return collected;
    }

    @Override
    public String toString() {
        return describe();
    }

    private String describe() {
        return getClass().getSimpleName() + "(id=" + id + ", version=" + version + ")";
    }

    private void triggerPayload(Object payload) {
        if (version == 0 || id == null) {
            throw new IllegalStateException(getClass().getName()
                    + " has not been created: make it with Aggregate.create(...) or load it from a repository");
        }
        if (discarded) {
            throw new IllegalStateException(describe() + " has been discarded; no further events can be triggered");
        }
        Instant now = Instant.now();
        // Keep timestamps monotonic within an aggregate even if the wall clock steps back.
        Instant timestamp = modifiedOn != null && now.isBefore(modifiedOn) ? modifiedOn : now;
        DomainEvent event = new DomainEvent(id, version + 1, timestamp, payload);
        mutate(event);
        pendingEvents.add(event);
    }

    @SuppressWarnings("unchecked")
    private void mutate(DomainEvent event) {
        if (version == 0) {
            if (event.originatorVersion() != 1) {
                throw new OriginatorVersionException("the first event of " + event.originatorId()
                        + " must have version 1, found " + event.originatorVersion());
            }
        } else {
            if (!event.originatorId().equals(id)) {
                throw new OriginatorIdException("event for " + event.originatorId() + " cannot be applied to "
                        + describe() + ": expected originator id " + id);
            }
            if (event.originatorVersion() != version + 1) {
                throw new OriginatorVersionException("event " + event.originatorId() + ":" + event.originatorVersion()
                        + " cannot be applied to " + describe() + ": expected version " + (version + 1));
            }
        }
        if (event.payload() instanceof Discarded) {
            if (version == 0) {
                throw new IllegalStateException("an aggregate cannot be created discarded: " + event.originatorId());
            }
            discarded = true;
        } else if (version == 0) {
            id = event.originatorId();
            createdOn = event.timestamp();
            try {
                apply((E) event.payload());
            } catch (RuntimeException | Error e) {
                id = null;
                createdOn = null;
                throw e;
            }
        } else {
            apply((E) event.payload());
        }
        version = event.originatorVersion();
        modifiedOn = event.timestamp();
    }

    private static <T> T requireCreated(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("the aggregate has not been created yet");
        }
        return value;
    }

    private static final class Access extends AggregateAccess {
        @Override
        public <A extends Aggregate<?>> A instantiate(Class<A> type) {
            Constructor<A> constructor;
            try {
                constructor = type.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " needs a no-argument constructor (any visibility) "
                        + "so it can be rebuilt from its events", e);
            }
            try {
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the no-argument constructor of " + type.getName() + " failed",
                        e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot construct " + type.getName()
                        + " (is it abstract, or in a module that does not open its package?)", e);
            }
        }

        @Override
        public void replay(Aggregate<?> aggregate, DomainEvent event) {
            aggregate.mutate(event);
        }

        @Override
        public boolean isDiscarded(Aggregate<?> aggregate) {
            return aggregate.discarded;
        }

        @Override
        public void restore(Aggregate<?> aggregate, UUID id, long version, Instant createdOn, Instant modifiedOn) {
            if (aggregate.version != 0) {
                throw new IllegalStateException("cannot restore a snapshot into " + aggregate.describe());
            }
            aggregate.id = id;
            aggregate.version = version;
            aggregate.createdOn = createdOn;
            aggregate.modifiedOn = modifiedOn;
        }

        @Override
        public void dropPendingEvents(Aggregate<?> aggregate, int count) {
            aggregate.pendingEvents.subList(0, Math.min(count, aggregate.pendingEvents.size())).clear();
        }
    }
}
