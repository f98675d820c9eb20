package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Discarded;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.internal.AggregateAccess;
import io.eventsourcing.internal.EventTypes;
import io.eventsourcing.internal.Operations;
import io.eventsourcing.internal.PersistenceAccess;
import io.eventsourcing.internal.PersistenceAccess.Creation;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Gets aggregates: from the latest snapshot (if snapshots are kept) and the events after it, or from
 * the cache ({@code AGGREGATE_CACHE_MAXSIZE}). With {@code AGGREGATE_CACHE_FASTFORWARD} (the default)
 * a cached aggregate is brought up to date with the events recorded since it was cached, under a lock
 * of its own, so concurrent writers through other applications are seen. Every call returns a new
 * instance that the caller owns: copies never alias the cached aggregate.
 *
 * <p>Thread-safe.
 */
public final class Repository {
    private final EventStore events;
    private final @Nullable SnapshotStore snapshots;
    private final @Nullable AggregateCache cache;
    private final boolean fastForward;
    private final Mapper mapper;
    private final BooleanSupplier bypassCache;
    private final BiConsumer<Aggregate<?>, Long> loaded;
    private final BooleanSupplier observed;
    private final Function<ApplicationOperation, ApplicationObserver.Ending> started;

    /**
     * {@code loaded} is told each aggregate reconstructed from the store and the nanoseconds it took;
     * while {@code observed} is true, {@code started} is told that a get starts, and returns what to tell
     * when it ends.
     */
    Repository(EventStore events, @Nullable SnapshotStore snapshots, @Nullable AggregateCache cache,
            boolean fastForward, BooleanSupplier bypassCache, BiConsumer<Aggregate<?>, Long> loaded,
            BooleanSupplier observed, Function<ApplicationOperation, ApplicationObserver.Ending> started) {
        this.bypassCache = bypassCache;
        this.loaded = loaded;
        this.observed = observed;
        this.started = started;
        this.events = events;
        this.snapshots = snapshots;
        this.cache = cache;
        this.fastForward = fastForward;
        this.mapper = events.mapper();
    }

    /**
     * The aggregate with the given id, at its current version.
     *
     * @throws AggregateNotFoundException if there is none or it has been discarded
     * @throws ClassCastException if the caller expects another aggregate type
     */
    public <A extends Aggregate<?>> A get(UUID id) {
        requireNonNull(id, "id");
        if (!observed.getAsBoolean()) {
            return getCurrent(id);
        }
        return Operations.run(started.apply(new ApplicationOperation.Get(id, null)), () -> getCurrent(id));
    }

    private <A extends Aggregate<?>> A getCurrent(UUID id) {
        if (cache == null || bypassCache.getAsBoolean()) {
            return load(id, null);
        }
        Aggregate<?> cached = cache.get(id);
        if (cached == null) {
            A loaded = load(id, null);
            cache.put(mapper.copy(loaded));
            return loaded;
        }
        if (!fastForward) {
            return uncheckedCast(mapper.copy(cached));
        }
        AggregateCache.AutoCloseableLock lock = cache.lock(id);
        try {
            Aggregate<?> current = cache.get(id);
            if (current == null) {
                current = load(id, null);
                cache.put(current);
            } else {
                AggregateAccess access = AggregateAccess.get();
                for (DomainEvent event : events.get(id, current.version(), null, false, null)) {
                    replay(current, event);
                }
                if (access.isDiscarded(current)) {
                    cache.remove(id);
                    throw notFound(id, "has been discarded");
                }
            }
            return uncheckedCast(mapper.copy(current));
        } finally {
            lock.close();
        }
    }

    /**
     * The aggregate as it was at {@code version}. Never served from the cache.
     *
     * @throws AggregateNotFoundException if it did not exist at that version or was discarded by then
     */
    public <A extends Aggregate<?>> A get(UUID id, long version) {
        requireNonNull(id, "id");
        ApplicationObserver.Ending ending = observed.getAsBoolean()
                ? started.apply(new ApplicationOperation.Get(id, version)) : ApplicationObserver.NOTHING;
        return Operations.run(ending, () -> {
            if (version < 1) {
                throw notFound(id, "has no version " + version + "; versions start at 1");
            }
            return load(id, version);
        });
    }

    /**
     * The aggregate with the given id, checked to be of the given type.
     *
     * @throws AggregateNotFoundException if there is none or it has been discarded
     * @throws IllegalArgumentException if it is of another type
     */
    public <A extends Aggregate<?>> A get(Class<A> type, UUID id) {
        requireNonNull(type, "type");
        Aggregate<?> aggregate = get(id);
        if (!type.isInstance(aggregate)) {
            throw new IllegalArgumentException("aggregate " + id + " is a " + aggregate.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(aggregate);
    }

    /** Whether an aggregate with the id exists and has not been discarded. */
    public boolean contains(UUID id) {
        requireNonNull(id, "id");
        List<StoredEvent> last = events.recorder().selectEvents(id, null, null, true, 1);
        return !last.isEmpty() && !last.getFirst().topic().equals(Topics.of(Discarded.class));
    }

    private <A extends Aggregate<?>> A load(UUID id, @Nullable Long version) {
        long start = System.nanoTime();
        A aggregate = reconstruct(id, version);
        loaded.accept(aggregate, System.nanoTime() - start);
        return aggregate;
    }

    private <A extends Aggregate<?>> A reconstruct(UUID id, @Nullable Long version) {
        AggregateAccess access = AggregateAccess.get();
        Aggregate<?> aggregate = null;
        Long after = null;
        if (snapshots != null) {
            Optional<io.eventsourcing.domain.Snapshot> snapshot = snapshots.latest(id, version);
            if (snapshot.isPresent()) {
                aggregate = mapper.restore(snapshot.get());
                after = aggregate.version();
            }
        }
        List<StoredEvent> stored = events.recorder().selectEvents(id, after, version, false, null);
        int next = 0;
        if (aggregate == null) {
            if (stored.isEmpty()) {
                throw notFound(id, version == null ? "is not recorded" : "is not recorded at version " + version);
            }
            // The first event names the aggregate class; it is decoded once for both.
            Creation creation = PersistenceAccess.get().creation(mapper, stored.getFirst());
            aggregate = access.instantiate(creation.aggregateType());
            replay(aggregate, creation.event());
            next = 1;
        }
        for (int i = next; i < stored.size(); i++) {
            replay(aggregate, mapper.toDomainEvent(stored.get(i)));
        }
        if (access.isDiscarded(aggregate)) {
            throw notFound(id, "has been discarded");
        }
        return uncheckedCast(aggregate);
    }

    /**
     * Applies a stored event, after checking that its payload is one of the aggregate's events: a row
     * whose topic names another aggregate's event fails as data that does not fit, not with a
     * {@code ClassCastException} from the aggregate's {@code apply}.
     */
    private static void replay(Aggregate<?> aggregate, DomainEvent event) {
        Object payload = event.payload();
        Class<?> eventType = EventTypes.of(aggregate.getClass());
        if (!eventType.isInstance(payload) && !(payload instanceof Discarded)) {
            throw new DataException("cannot apply event " + event.originatorId() + ":" + event.originatorVersion()
                    + " (" + payload.getClass().getName() + ") to " + aggregate.getClass().getName()
                    + ": its events are " + eventType.getName());
        }
        AggregateAccess.get().replay(aggregate, event);
    }

    @SuppressWarnings("unchecked")
    private static <A extends Aggregate<?>> A uncheckedCast(Aggregate<?> aggregate) {
        return (A) aggregate;
    }

    private static AggregateNotFoundException notFound(UUID id, String why) {
        return new AggregateNotFoundException(id, "aggregate " + id + " " + why);
    }

    /** The cache, for tests in this package. */
    @Nullable AggregateCache cache() {
        return cache;
    }
}
