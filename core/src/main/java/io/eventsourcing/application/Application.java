package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.internal.Operations;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import io.eventsourcing.persistence.Transcoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: an application is the unit of configuration and of persistence. Its constructor resolves the
 * backend from the environment once (InfrastructureFactory), builds the mapper (transcoder, compressor,
 * cipher), the recorder, the event store, the snapshot store when snapshotting is on, the repository
 * and the notification log, and fails right there on any bad setting. After construction an
 * application holds no mutable state of its own except the repository's cache, so one instance serves
 * every thread. save() records the pending events of all given aggregates in one atomic insert; only
 * when that succeeded are the events removed from the aggregates, the cache updated and automatic
 * snapshots taken, so a failed save loses nothing.
 */

/**
 * An event-sourced application: subclass it with command and query methods that get aggregates from
 * the {@link #repository()}, call their commands, and {@link #save} them.
 *
 * <pre>{@code
 * public class TrainingSchool extends Application {
 *     public TrainingSchool(Map<String, String> env) { super(env); }
 *     public void register(String name) { save(Dog.register(name)); }
 * }
 * }</pre>
 *
 * <p>Configured from the {@code env} map given to the constructor over the process environment; a
 * variable prefixed by the upper-cased {@link #name()} wins ({@code TRAININGSCHOOL_PERSISTENCE_MODULE}
 * over {@code PERSISTENCE_MODULE}). See {@link InfrastructureFactory} for the persistence variables;
 * the application itself reads {@code AGGREGATE_CACHE_MAXSIZE}, {@code AGGREGATE_CACHE_FASTFORWARD} and
 * {@code IS_SNAPSHOTTING_ENABLED}.
 *
 * <p>Thread-safe. Close it (try-with-resources) to release its database connections.
 */
public class Application implements AutoCloseable {
    /** Unset: no cache. 0 or less: unbounded. Above 0: the most recently used aggregates, up to that many. */
    public static final String AGGREGATE_CACHE_MAXSIZE = "AGGREGATE_CACHE_MAXSIZE";
    /** {@code true} (default): bring a cached aggregate up to date with newer events on every get. */
    public static final String AGGREGATE_CACHE_FASTFORWARD = "AGGREGATE_CACHE_FASTFORWARD";

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Environment environment;
    private final InfrastructureFactory factory;
    private final Mapper mapper;
    private final ApplicationRecorder recorder;
    private final EventStore events;
    private final @Nullable SnapshotStore snapshots;
    private final Repository repository;
    private final NotificationLog notificationLog;
    private final Map<Class<?>, Integer> intervals;
    private final @Nullable AggregateCache cache;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Consumer<List<Recording>>> listeners = new CopyOnWriteArrayList<>();
    private final List<ApplicationObserver> observers = new CopyOnWriteArrayList<>();
    /**
     * What this thread's open transaction has saved so far, or null outside one: a {@link #transaction}
     * block's, or an external one's (a framework's, see {@link InfrastructureFactory#inExternalTransaction}).
     */
    private final ThreadLocal<@Nullable OpenTransaction> openTransaction = new ThreadLocal<>();

    /** The aggregates saved in a transaction and the recordings to announce once it commits. */
    private record OpenTransaction(Set<UUID> saved, List<Recording> recordings, @Nullable Object external) {}

    /** An application configured by the process environment alone. */
    public Application() {
        this(Map.of());
    }

    /**
     * An application configured by {@code env} over the process environment.
     *
     * @throws io.eventsourcing.persistence.ConfigurationException if a setting is invalid, naming it
     */
    @SuppressWarnings("this-escape") // name(), transcoder() and the other hooks are documented as construction-time
    public Application(Map<String, String> env) {
        requireNonNull(env, "env");
        this.environment = Environment.of(name(), env);
        this.factory = InfrastructureFactory.construct(environment);
        try {
            this.mapper = factory.mapper(transcoder());
            this.recorder = constructRecorder(factory);
            this.events = new EventStore(mapper, recorder);
            this.intervals = Map.copyOf(snapshottingIntervals());
            boolean snapshotting = environment.contains(InfrastructureFactory.IS_SNAPSHOTTING_ENABLED)
                    ? factory.isSnapshottingEnabled()
                    : isSnapshottingEnabled() || !intervals.isEmpty();
            this.snapshots = snapshotting ? new SnapshotStore(mapper, factory.aggregateRecorder("snapshots")) : null;
            this.cache = environment.contains(AGGREGATE_CACHE_MAXSIZE)
                    ? new AggregateCache(environment.getInt(AGGREGATE_CACHE_MAXSIZE, 0))
                    : null;
            boolean fastForward = environment.getBoolean(AGGREGATE_CACHE_FASTFORWARD, true);
            this.repository = new Repository(events, snapshots, cache, fastForward,
                    () -> openTransaction.get() != null || factory.inExternalTransaction(), this::loaded,
                    () -> !observers.isEmpty(), this::started);
            this.notificationLog = new LocalNotificationLog(recorder, NotificationLog.DEFAULT_SECTION_SIZE);
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /**
     * The application's name: its class's simple name unless overridden. It prefixes the application's
     * variables and names its tables. Called during construction, so it must not use instance fields.
     */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * Whether to keep snapshots when {@code IS_SNAPSHOTTING_ENABLED} is not set. Default false.
     * Called during construction.
     */
    protected boolean isSnapshottingEnabled() {
        return false;
    }

    /**
     * Aggregate classes snapshotted automatically every so many versions; a non-empty map turns
     * snapshotting on unless {@code IS_SNAPSHOTTING_ENABLED} says otherwise. Called during construction.
     */
    protected Map<Class<? extends Aggregate<?>>, Integer> snapshottingIntervals() {
        return Map.of();
    }

    /**
     * The JSON transcoder; override to register Jackson modules for your value types. Called during
     * construction.
     */
    protected Transcoder transcoder() {
        return Transcoder.standard();
    }

    /** Makes the application's recorder; process applications need a process recorder. */
    protected ApplicationRecorder constructRecorder(InfrastructureFactory factory) {
        return factory.applicationRecorder();
    }

    /** The application's settings. */
    public Environment env() {
        return environment;
    }

    /** The backend's factory. */
    public InfrastructureFactory factory() {
        return factory;
    }

    /** The mapper between domain events and stored events. */
    public Mapper mapper() {
        return mapper;
    }

    /** The recorder of the application's events. */
    public ApplicationRecorder recorder() {
        return recorder;
    }

    /** The event store. */
    public EventStore events() {
        return events;
    }

    /** The snapshot store, if snapshotting is enabled. */
    public Optional<SnapshotStore> snapshots() {
        return Optional.ofNullable(snapshots);
    }

    /** The repository of the application's aggregates. */
    public Repository repository() {
        return repository;
    }

    /** The log of all the application's events in the order they were recorded. */
    public NotificationLog notificationLog() {
        return notificationLog;
    }

    /**
     * Records the pending events of the aggregates atomically: all of them or, on failure, none (and
     * then the aggregates keep their pending events). Then takes any automatic snapshots.
     *
     * @return one recording per event, with its notification id
     * @throws RecordConflictException if another writer recorded an event at the same version first
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails
     */
    public List<Recording> save(Aggregate<?>... aggregates) {
        requireNonNull(aggregates, "aggregates");
        return record(Arrays.asList(aggregates), null);
    }

    /**
     * Records the aggregates' pending events together with a tracking position, as {@link #save}
     * does; for process applications, whose recorder is a process recorder.
     */
    protected List<Recording> record(List<? extends Aggregate<?>> aggregates, @Nullable Tracking tracking) {
        checkOpen();
        if (observers.isEmpty()) {
            return recordObserved(aggregates, tracking);
        }
        return Operations.run(started(save(aggregates)), () -> recordObserved(aggregates, tracking));
    }

    private static ApplicationOperation.Save save(List<? extends Aggregate<?>> aggregates) {
        List<Class<?>> types = new ArrayList<>(aggregates.size());
        List<UUID> ids = new ArrayList<>(aggregates.size());
        int events = 0;
        for (Aggregate<?> aggregate : aggregates) {
            types.add(aggregate.getClass());
            ids.add(aggregate.id());
            events += aggregate.pendingEvents().size();
        }
        return new ApplicationOperation.Save(types, ids, events);
    }

    private List<Recording> recordObserved(List<? extends Aggregate<?>> aggregates, @Nullable Tracking tracking) {
        long start = System.nanoTime();
        List<Recording> recordings = events.put(aggregates, tracking);
        OpenTransaction known = openTransaction.get();
        OpenTransaction inTransaction = known == null || known.external() != null ? externalTransaction(known) : known;
        if (inTransaction != null) {
            aggregates.forEach(aggregate -> inTransaction.saved().add(aggregate.id()));
        } else if (cache != null) {
            for (Aggregate<?> aggregate : aggregates) {
                if (io.eventsourcing.internal.AggregateAccess.get().isDiscarded(aggregate)) {
                    cache.remove(aggregate.id());
                } else {
                    // What was just saved is the current state: the next get starts from it.
                    cache.put(mapper.copy(aggregate));
                }
            }
        }
        takeAutomaticSnapshots(aggregates, recordings);
        if (inTransaction != null) {
            inTransaction.recordings().addAll(recordings);
        } else {
            announce(recordings);
        }
        if (!recordings.isEmpty() && !observers.isEmpty()) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            for (ApplicationObserver observer : observers) {
                observer.saved(recordings, took);
            }
        }
        return recordings;
    }

    /**
     * The state of this thread's external transaction if it is in one, begun on the first save in it:
     * like a {@link #transaction} block's, its saves bypass the cache, and they are announced when it
     * commits. {@code known} is the state this thread had; it is dropped if its transaction ended
     * without telling (an owner that closed its entity manager without committing or rolling back).
     */
    private @Nullable OpenTransaction externalTransaction(@Nullable OpenTransaction known) {
        Object transaction = factory.externalTransaction();
        if (transaction == null) {
            if (known != null) {
                openTransaction.remove();
            }
            return null;
        }
        if (known != null && known.external() == transaction) {
            return known;
        }
        OpenTransaction open = new OpenTransaction(new HashSet<>(), new ArrayList<>(), transaction);
        openTransaction.set(open);
        factory.afterExternalTransaction(committed -> {
            if (openTransaction.get() == open) {
                openTransaction.remove();
            }
            if (cache != null) {
                open.saved().forEach(cache::remove);
            }
            if (committed) {
                announce(List.copyOf(open.recordings()));
            }
        });
        return open;
    }

    private void loaded(Aggregate<?> aggregate, long nanos) {
        for (ApplicationObserver observer : observers) {
            observer.loaded(aggregate, Duration.ofNanos(nanos));
        }
    }

    /**
     * Tells the observers that an operation starts on this thread, for the library's own operations (a
     * process application's processing of an event); tell the returned ending, on this thread, how it ended.
     */
    protected final ApplicationObserver.Ending started(ApplicationOperation operation) {
        if (observers.isEmpty()) {
            return ApplicationObserver.NOTHING;
        }
        List<ApplicationObserver.Ending> endings = new ArrayList<>(observers.size());
        for (ApplicationObserver observer : observers) {
            endings.add(observer.started(operation));
        }
        return failure -> {
            for (int i = endings.size() - 1; i >= 0; i--) {
                endings.get(i).ended(failure);
            }
        };
    }

    /** Tells the observer how long saves and loads take, and when operations start and end, from now on. */
    public void addObserver(ApplicationObserver observer) {
        observers.add(requireNonNull(observer, "observer"));
    }

    /** Stops telling an observer added with {@link #addObserver}. */
    public void removeObserver(ApplicationObserver observer) {
        observers.remove(observer);
    }

    private void announce(List<Recording> recordings) {
        if (!recordings.isEmpty()) {
            for (Consumer<List<Recording>> listener : listeners) {
                listener.accept(recordings);
            }
        }
    }

    /**
     * Calls the listener after every save (or process step) that recorded events, on the saving
     * thread, with the recordings. Runners use it to prompt followers. An exception the listener
     * throws reaches the caller of {@code save}, whose events are recorded all the same. Saves inside
     * a {@link #transaction} block, or in an external transaction (a Spring-managed one), are
     * announced once it has committed, and not at all if it rolls back.
     */
    public void addRecordingListener(Consumer<List<Recording>> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /** Stops calling a listener added with {@link #addRecordingListener}. */
    public void removeRecordingListener(Consumer<List<Recording>> listener) {
        listeners.remove(listener);
    }

    /**
     * Runs a block in one database transaction bound to this thread: the caller's own work on the
     * session and every {@code save} and {@code repository().get} of this application on this thread
     * inside the block commit together when it returns, and roll back together when it throws.
     * Nested calls join the outer transaction; on the SQL backends a nested block that throws has its
     * own work undone (to a savepoint) and its exception passed to the outer block. Inside the block
     * the aggregate cache is bypassed. An aggregate saved in a block that then rolls back has already
     * handed over its pending events: get it again rather than saving it a second time.
     *
     * <pre>{@code
     * school.transaction(Connection.class, connection -> {
     *     try (var insert = connection.prepareStatement("insert into owners (name) values (?)")) { ... }
     *     school.register("Fido");
     *     return null;
     * });
     * }</pre>
     *
     * @param sessionType the backend's session type: {@code java.sql.Connection} for the SQL backends
     * @throws IllegalStateException if the backend has no transactions of that session type (the
     *     in-memory backend has none)
     * @throws io.eventsourcing.persistence.PersistenceException if the database fails
     */
    public <S, T> T transaction(Class<S> sessionType, TransactionWork<S, T> work) {
        requireNonNull(sessionType, "sessionType");
        requireNonNull(work, "work");
        if (recorder instanceof TransactionalRecorder<?> transactional && transactional.sessionType() == sessionType) {
            @SuppressWarnings("unchecked")
            TransactionalRecorder<S> typed = (TransactionalRecorder<S>) transactional;
            OpenTransaction known = openTransaction.get();
            if (known != null && known.external() == null) {
                return typed.transaction(work);
            }
            if (externalTransaction(known) != null) {
                // In a framework's transaction: the block joins it, and its saves are announced when it commits.
                return typed.transaction(work);
            }
            // Inside the block the cache is neither read nor written (it may hold only committed
            // state); what the block saved is evicted afterwards, whether it committed or not, and
            // announced to listeners only once it has committed.
            OpenTransaction open = new OpenTransaction(new HashSet<>(), new ArrayList<>(), null);
            openTransaction.set(open);
            T result;
            try {
                result = typed.transaction(work);
            } finally {
                openTransaction.remove();
                if (cache != null) {
                    open.saved().forEach(cache::remove);
                }
            }
            announce(List.copyOf(open.recordings()));
            return result;
        }
        throw new IllegalStateException(name() + "'s recorder (" + recorder.getClass().getSimpleName()
                + ") has no transactions with a " + sessionType.getName() + " session; use a SQL backend "
                + "(PERSISTENCE_MODULE=sqlite, postgres or jdbc) for java.sql.Connection");
    }

    /**
     * Takes a snapshot of an aggregate at its current version.
     *
     * @throws IllegalStateException if snapshotting is not enabled
     * @throws AggregateNotFoundException if the aggregate does not exist
     */
    public void takeSnapshot(UUID id) {
        SnapshotStore store = requireSnapshots();
        store.put(mapper.takeSnapshot(repository.get(id)));
    }

    /**
     * Takes a snapshot of an aggregate as it was at {@code version}.
     *
     * @throws IllegalStateException if snapshotting is not enabled
     * @throws AggregateNotFoundException if the aggregate did not exist at that version
     */
    public void takeSnapshot(UUID id, long version) {
        SnapshotStore store = requireSnapshots();
        store.put(mapper.takeSnapshot(repository.get(id, version)));
    }

    /** Closes the recorders and the factory. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            factory.close();
        }
    }

    @Override
    public String toString() {
        return name();
    }

    private void takeAutomaticSnapshots(List<? extends Aggregate<?>> aggregates, List<Recording> recordings) {
        if (snapshots == null || intervals.isEmpty()) {
            return;
        }
        Map<UUID, Aggregate<?>> byId = new LinkedHashMap<>();
        aggregates.forEach(a -> byId.put(a.id(), a));
        List<DomainEvent> due = new ArrayList<>();
        for (Recording recording : recordings) {
            DomainEvent event = recording.domainEvent();
            Aggregate<?> aggregate = byId.get(event.originatorId());
            Integer interval = aggregate == null ? null : intervals.get(aggregate.getClass());
            if (interval != null && interval > 0 && event.originatorVersion() % interval == 0) {
                due.add(event);
            }
        }
        for (DomainEvent event : due) {
            Aggregate<?> aggregate = byId.get(event.originatorId());
            try {
                if (aggregate != null && aggregate.version() == event.originatorVersion()) {
                    snapshots.put(mapper.takeSnapshot(aggregate));
                } else {
                    takeSnapshot(event.originatorId(), event.originatorVersion());
                }
            } catch (RuntimeException e) {
                // The events are recorded; a missing snapshot only makes loading slower.
                LOG.warn("{}: could not take the automatic snapshot of {} at version {}", name(),
                        event.originatorId(), event.originatorVersion(), e);
            }
        }
    }

    private SnapshotStore requireSnapshots() {
        if (snapshots == null) {
            throw new IllegalStateException(name() + " does not keep snapshots: set IS_SNAPSHOTTING_ENABLED=true, "
                    + "or override isSnapshottingEnabled() or snapshottingIntervals()");
        }
        return snapshots;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(name() + " is closed");
        }
    }
}
