package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.internal.AggregateAccess;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Records aggregates' pending events and reads domain events back, mapping between domain events and
 * stored events with the application's {@link Mapper}.
 *
 * <p>Thread-safe.
 */
public final class EventStore {
    private final Mapper mapper;
    private final AggregateRecorder recorder;
    private final ReadBackCheck readBack;

    /**
     * @param mapper maps domain events to stored events and back
     * @param recorder stores them
     */
    public EventStore(Mapper mapper, AggregateRecorder recorder) {
        this.mapper = requireNonNull(mapper, "mapper");
        this.recorder = requireNonNull(recorder, "recorder");
        this.readBack = new ReadBackCheck(mapper);
    }

    /** The mapper. */
    public Mapper mapper() {
        return mapper;
    }

    /** The recorder. */
    public AggregateRecorder recorder() {
        return recorder;
    }

    /**
     * Records the pending events of all the aggregates in one atomic insert, and only then removes
     * them from the aggregates. On failure nothing is recorded and the aggregates keep their events.
     *
     * @return one recording per event, in order, with notification ids where the recorder gives them
     *     (0 otherwise)
     * @throws RecordConflictException if an event's version is already recorded
     */
    public List<Recording> put(List<? extends Aggregate<?>> aggregates) {
        return put(aggregates, null);
    }

    /**
     * Records the pending events of all the aggregates and, if given, the tracking position in one
     * atomic step (the recorder must then be a {@link ProcessRecorder}); then removes the events from
     * the aggregates. On failure nothing is recorded and the aggregates keep their events.
     *
     * @throws RecordConflictException if an event's version is already recorded
     * @throws IntegrityException if the tracking position is not above the recorded one
     * @throws IllegalStateException if tracking is given and the recorder is not a process recorder, or
     *     an aggregate's class has no usable no-argument constructor (checked at its first save)
     * @throws io.eventsourcing.persistence.DataException if a payload class cannot be read back as it
     *     is written (checked at its first save), naming the class and the component
     */
    public List<Recording> put(List<? extends Aggregate<?>> aggregates, @Nullable Tracking tracking) {
        requireNonNull(aggregates, "aggregates");
        List<DomainEvent> domainEvents = new ArrayList<>();
        List<StoredEvent> storedEvents = new ArrayList<>();
        List<Integer> counts = new ArrayList<>(aggregates.size());
        for (Aggregate<?> aggregate : aggregates) {
            requireNonNull(aggregate, "aggregate");
            List<DomainEvent> pending = aggregate.pendingEvents();
            readBack.checkEvents(aggregate, pending);    // a new class, once: can it be read back?
            counts.add(pending.size());
            for (DomainEvent event : pending) {
                domainEvents.add(event);
                storedEvents.add(mapper.toStoredEvent(event, event.originatorVersion() == 1 ? aggregate.getClass() : null));
            }
        }
        List<Long> ids = insert(storedEvents, tracking);
        AggregateAccess access = AggregateAccess.get();
        for (int i = 0; i < aggregates.size(); i++) {
            access.dropPendingEvents(aggregates.get(i), counts.get(i));
        }
        List<Recording> recordings = new ArrayList<>(domainEvents.size());
        for (int i = 0; i < domainEvents.size(); i++) {
            long id = i < ids.size() ? ids.get(i) : 0;
            recordings.add(new Recording(domainEvents.get(i), Notification.of(id, storedEvents.get(i))));
        }
        return List.copyOf(recordings);
    }

    private List<Long> insert(List<StoredEvent> storedEvents, @Nullable Tracking tracking) {
        if (tracking == null && storedEvents.isEmpty()) {
            return List.of();
        }
        try {
            if (tracking == null) {
                return recorder.insertEvents(storedEvents);
            }
            if (!(recorder instanceof ProcessRecorder processRecorder)) {
                throw new IllegalStateException(
                        "recording a tracking position needs a ProcessRecorder, this store has " + recorder);
            }
            return processRecorder.insertEvents(storedEvents, tracking);
        } catch (RecordConflictException e) {
            throw e;
        } catch (IntegrityException e) {
            if (tracking != null && storedEvents.isEmpty()) {
                throw e;
            }
            throw new RecordConflictException("save conflicted: " + e.getMessage()
                    + "; get the aggregate again and retry", e);
        }
    }

    /**
     * Domain events of one aggregate.
     *
     * @param id the aggregate id
     * @param gt only versions above this, or all if null
     * @param lte only versions up to this, or all if null
     * @param desc newest first if true
     * @param limit at most this many, or all if null
     */
    public List<DomainEvent> get(UUID id, @Nullable Long gt, @Nullable Long lte, boolean desc, @Nullable Integer limit) {
        List<StoredEvent> stored = recorder.selectEvents(id, gt, lte, desc, limit);
        List<DomainEvent> events = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            events.add(mapper.toDomainEvent(event));
        }
        return events;
    }

    /** All domain events of one aggregate, oldest first. */
    public List<DomainEvent> get(UUID id) {
        return get(id, null, null, false, null);
    }

    /** The recorder as an application recorder, if it is one. */
    @Nullable ApplicationRecorder applicationRecorder() {
        return recorder instanceof ApplicationRecorder applicationRecorder ? applicationRecorder : null;
    }
}
