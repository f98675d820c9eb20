package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.application.ApplicationObserver;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import io.eventsourcing.persistence.WaitInterruptedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * Design. A DCB application is an Application whose recorder is its DCB store seen also as a
 * notification log (DcbApplicationRecorder), so everything that follows applications (process
 * applications, projections, runners, the notification log over HTTP) follows it unchanged: a
 * notification id is an event's position. Events are user records mapped by the application's Mapper
 * exactly as aggregate events are (topics, @EventVersion and upcasters, compression, encryption): an
 * event's DCB type is its topic and its data the mapper's state bytes; its tags come from @Tag.
 *
 * A decision first reads the store's head, then every event its models' queries match (one query,
 * their union, in pages), and folds each event into each model that matches it. Its position is the
 * head read before, or the last event read if that is later: every position up to it was committed
 * when the read began (positions are in commit order and gap-free), so the read saw every matching
 * event up to it. The append condition is then "no event matching the union after that position".
 * Reading the head first matters for a decision whose models found no events: the condition still
 * leaves alone every event recorded before the decision, rather than being refused by the other
 * models' events.
 *
 * Appends are announced to recording listeners (runners prompt followers with them) and observers
 * as saves are; inside a transaction block or an external transaction, once it commits.
 */

/**
 * An application of dynamic consistency boundaries: commands read {@link DecisionModel}s into a
 * {@link Decision} and append typed events on the decision's condition, so one decision can span
 * whatever events it depends on (a user name unique across all accounts, a course's capacity and a
 * student's courses together) rather than one aggregate's.
 *
 * <pre>{@code
 * public class Courses extends DcbApplication {
 *     public Courses(Map<String, String> env) { super(env); }
 *
 *     public long subscribe(String studentId, String courseId) {
 *         return retry(() -> {
 *             var capacity = CourseModels.capacity(courseId);
 *             var subscribed = CourseModels.subscriptions(courseId);
 *             Decision decision = decide(capacity, subscribed);
 *             if (decision.state(subscribed) >= decision.state(capacity)) {
 *                 throw new IllegalStateException("course " + courseId + " is full");
 *             }
 *             return append(decision, new StudentSubscribed(studentId, courseId));
 *         });
 *     }
 * }
 * }</pre>
 *
 * <p>Events are records; a record component annotated {@link Tag} gives the event a tag, and the
 * event's type is its class's topic ({@link io.eventsourcing.domain.Topics}). They are stored in the
 * backend's DCB store ({@link InfrastructureFactory#dcbRecorder()}, {@code <app>_dcb_events}) through
 * the application's mapper, so {@code @EventVersion} with upcasters, {@code COMPRESSOR_TOPIC} and
 * {@code CIPHER_KEY} apply as to aggregate events. The application is configured as any other.
 *
 * <p>It is an {@link Application} so that it can lead in an {@link io.eventsourcing.system.EventSourcingSystem}
 * and be followed by process applications and projections: its notification log lists its events by
 * position. It has no aggregates: {@link #save} is refused and its repository finds nothing.
 *
 * <p>Thread-safe.
 */
public class DcbApplication extends Application {
    /** How many times {@link #retry(Supplier)} runs a command whose append was refused. */
    public static final int DEFAULT_ATTEMPTS = 10;
    private static final int READ_PAGE = 1_000;

    private final DcbApplicationRecorder recorder;
    private final List<Consumer<List<Recording>>> listeners = new CopyOnWriteArrayList<>();
    private final List<ApplicationObserver> observers = new CopyOnWriteArrayList<>();
    /** The appends of this thread's open transaction block, to announce once it commits; null outside one. */
    private final ThreadLocal<@Nullable List<Recording>> block = new ThreadLocal<>();
    /** The appends of this thread's external transaction, to announce once it commits; null outside one. */
    private final ThreadLocal<@Nullable External> external = new ThreadLocal<>();

    private record External(Object transaction, List<Recording> recordings) {}

    /** An application configured by the process environment alone. */
    public DcbApplication() {
        this(Map.of());
    }

    /**
     * An application configured by {@code env} over the process environment.
     *
     * @throws io.eventsourcing.persistence.ConfigurationException if a setting is invalid, naming it
     * @throws io.eventsourcing.persistence.NotSupportedException if the backend has no DCB store
     */
    @SuppressWarnings("this-escape") // super.recorder() is Application's own, not an override
    public DcbApplication(Map<String, String> env) {
        super(env);
        this.recorder = (DcbApplicationRecorder) super.recorder();
    }

    /** The DCB store, seen also as this application's notification log. */
    @Override
    protected final ApplicationRecorder constructRecorder(InfrastructureFactory factory) {
        String name = factory.environment().name();
        return new DcbApplicationRecorder(factory.dcbRecorder(), Ids.nameBased("/dcb/" + name), name);
    }

    /** The application's DCB store, which is also its notification log. */
    @Override
    public DcbApplicationRecorder recorder() {
        return recorder;
    }

    /**
     * Reads the models from the store: one read of every event their queries match, each folded into
     * each model that matches it.
     *
     * @throws IllegalArgumentException if no model is given
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails, or an event cannot
     *     be read ({@link io.eventsourcing.persistence.DataException})
     */
    public Decision decide(DecisionModel<?>... models) {
        requireNonNull(models, "models");
        if (models.length == 0) {
            throw new IllegalArgumentException("a decision needs at least one model");
        }
        Map<DecisionModel<?>, Object> states = new IdentityHashMap<>();
        DcbQuery query = null;
        for (DecisionModel<?> model : models) {
            requireNonNull(model, "model");
            states.put(model, model.initialState());
            query = query == null ? model.query() : query.or(model.query());
        }
        long position = recorder.head();
        long after = 0;
        while (true) {
            List<DcbSequencedEvent> page = recorder.read(requireNonNull(query), after, READ_PAGE);
            for (DcbSequencedEvent event : page) {
                Object payload = null;
                for (DecisionModel<?> model : models) {
                    if (model.matches(event.event())) {
                        if (payload == null) {
                            payload = payload(event);
                        }
                        fold(states, model, event.event(), payload);
                    }
                }
                after = event.position();
            }
            if (page.size() < READ_PAGE) {
                break;
            }
        }
        return new Decision(states, query, Math.max(position, after));
    }

    private static <S> void fold(Map<DecisionModel<?>, Object> states, DecisionModel<S> model, DcbEvent event,
            Object payload) {
        @SuppressWarnings("unchecked")
        S state = (S) states.get(model);
        states.put(model, model.evolve(state, event, payload));
    }

    /**
     * Appends events on the decision's condition: refused if an event that any of its models would
     * have read was recorded since it read.
     *
     * @param decision what the events were decided on
     * @param events the event records, at least one
     * @return the position of the last event appended
     * @throws DcbConditionException if the condition failed: decide again (see {@link #retry})
     * @throws IllegalArgumentException if no event is given
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails
     */
    public long append(Decision decision, Object... events) {
        requireNonNull(decision, "decision");
        return record(Arrays.asList(requireNonNull(events, "events")), decision.condition());
    }

    /**
     * Appends events on a condition of the caller's own, for a rule that needs no read: e.g. "no account
     * has this user name" is {@code DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("username:ada"))},
     * refused if any event with that tag was ever recorded.
     *
     * @return the position of the last event appended
     * @throws DcbConditionException if the condition failed
     * @throws IllegalArgumentException if no event is given
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails
     */
    public long append(DcbAppendCondition condition, Object... events) {
        requireNonNull(condition, "condition");
        return record(Arrays.asList(requireNonNull(events, "events")), condition);
    }

    /**
     * Appends events on no condition: for facts that no rule of the application depends on.
     *
     * @return the position of the last event appended
     * @throws IllegalArgumentException if no event is given
     * @throws io.eventsourcing.persistence.PersistenceException if the store fails
     */
    public long appendUnconditionally(Object... events) {
        return record(Arrays.asList(requireNonNull(events, "events")), null);
    }

    /**
     * Runs a command again while its append is refused, up to {@link #DEFAULT_ATTEMPTS} times, after a
     * short random pause that grows with each attempt. The command must decide afresh each time it
     * runs (call {@link #decide} inside it).
     *
     * @return what the command returned
     * @throws DcbConditionException if the last attempt was refused too
     */
    public <T> T retry(Supplier<T> command) {
        return retry(DEFAULT_ATTEMPTS, command);
    }

    /**
     * Runs a command again while its append is refused, up to {@code attempts} times; see
     * {@link #retry(Supplier)}.
     *
     * @throws IllegalArgumentException if {@code attempts} is below 1
     * @throws WaitInterruptedException if interrupted while pausing between attempts
     */
    public <T> T retry(int attempts, Supplier<T> command) {
        requireNonNull(command, "command");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (DcbConditionException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                long pauseMicros = ThreadLocalRandom.current().nextLong(100L << Math.min(attempt, 8));
                try {
                    TimeUnit.MICROSECONDS.sleep(pauseMicros);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new WaitInterruptedException(name() + ": interrupted between attempts of a command");
                }
            }
        }
    }

    /**
     * The tags of an event: by default those of its {@link Tag} components ({@link Tags#from}).
     * Override to tag events in another way.
     */
    protected List<String> tagsOf(Object event) {
        return Tags.from(event);
    }

    /**
     * The event record a stored event holds, upcast to its class's current version.
     *
     * @throws io.eventsourcing.persistence.DataException if it cannot be decrypted, decompressed,
     *     decoded or upcast
     */
    public Object payload(DcbSequencedEvent event) {
        requireNonNull(event, "event");
        return mapper().toDomainEvent(new StoredEvent(recorder.logId(), event.position(), event.type(),
                event.event().dataUnsafe())).payload();
    }

    private long record(List<Object> events, @Nullable DcbAppendCondition condition) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append: no events given");
        }
        long start = System.nanoTime();
        Instant now = Instant.now();
        List<DcbEvent> encoded = new ArrayList<>(events.size());
        for (Object event : events) {
            requireNonNull(event, "event");
            StoredEvent stored = mapper().toStoredEvent(new DomainEvent(recorder.logId(), 1, now, event), null);
            encoded.add(new DcbEvent(stored.topic(), stored.state(), tagsOf(event)));
        }
        long last = recorder.append(encoded, condition);
        List<Recording> recordings = new ArrayList<>(events.size());
        long first = last - events.size() + 1;
        for (int i = 0; i < events.size(); i++) {
            DcbSequencedEvent sequenced = new DcbSequencedEvent(first + i, encoded.get(i));
            Notification notification = recorder.notification(sequenced);
            recordings.add(new Recording(new DomainEvent(recorder.logId(), first + i, now, events.get(i)),
                    notification));
        }
        announceOnCommit(recordings);
        if (!observers.isEmpty()) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            for (ApplicationObserver observer : observers) {
                observer.saved(recordings, took);
            }
        }
        return last;
    }

    /** Announces now, or once this thread's transaction block or external transaction commits. */
    private void announceOnCommit(List<Recording> recordings) {
        List<Recording> open = block.get();
        if (open != null) {
            open.addAll(recordings);
            return;
        }
        Object transaction = factory().externalTransaction();
        if (transaction == null) {
            external.remove();
            announce(recordings);
            return;
        }
        External known = external.get();
        if (known == null || known.transaction() != transaction) {
            External fresh = new External(transaction, new ArrayList<>());
            external.set(fresh);
            factory().afterExternalTransaction(committed -> {
                if (external.get() == fresh) {
                    external.remove();
                }
                if (committed) {
                    announce(List.copyOf(fresh.recordings()));
                }
            });
            known = fresh;
        }
        known.recordings().addAll(recordings);
    }

    private void announce(List<Recording> recordings) {
        if (!recordings.isEmpty()) {
            for (Consumer<List<Recording>> listener : listeners) {
                listener.accept(recordings);
            }
        }
    }

    /**
     * Calls the listener after every append, on the appending thread, with the recordings (one per
     * event, its notification id the event's position); in a transaction, once it has committed.
     */
    @Override
    public void addRecordingListener(Consumer<List<Recording>> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    @Override
    public void removeRecordingListener(Consumer<List<Recording>> listener) {
        listeners.remove(listener);
    }

    /** Tells the observer how long appends take (as saves), from now on. */
    @Override
    public void addObserver(ApplicationObserver observer) {
        observers.add(requireNonNull(observer, "observer"));
    }

    @Override
    public void removeObserver(ApplicationObserver observer) {
        observers.remove(observer);
    }

    /**
     * Runs a block in one database transaction bound to this thread, as {@link Application#transaction}
     * does: the caller's own work and every decision and append of this application on this thread
     * inside the block commit together, or roll back together when it throws. A condition checked in
     * the block holds the store's append lock until the block ends, so keep blocks short.
     *
     * @throws IllegalStateException if the backend has no transactions of that session type
     */
    @Override
    public <S, T> T transaction(Class<S> sessionType, TransactionWork<S, T> work) {
        requireNonNull(sessionType, "sessionType");
        requireNonNull(work, "work");
        if (recorder.store() instanceof TransactionalRecorder<?> transactional
                && transactional.sessionType() == sessionType) {
            @SuppressWarnings("unchecked")
            TransactionalRecorder<S> typed = (TransactionalRecorder<S>) transactional;
            if (block.get() != null || factory().inExternalTransaction()) {
                return typed.transaction(work);
            }
            List<Recording> appended = new ArrayList<>();
            block.set(appended);
            T result;
            try {
                result = typed.transaction(work);
            } finally {
                block.remove();
            }
            announce(appended);
            return result;
        }
        throw new IllegalStateException(name() + "'s DCB store (" + recorder.store().getClass().getSimpleName()
                + ") has no transactions with a " + sessionType.getName() + " session; use a SQL backend "
                + "(PERSISTENCE_MODULE=sqlite, postgres or jdbc) for java.sql.Connection");
    }

    /**
     * Refused: a DCB application has no aggregates.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<Recording> save(Aggregate<?>... aggregates) {
        throw new UnsupportedOperationException(name() + " is a DCB application: it appends events with "
                + "append(decision, events...); aggregates are saved by an Application");
    }
}
