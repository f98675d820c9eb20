package io.eventsourcing.persistence.memory;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.StoredEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AggregateRecorder} that keeps events in memory: for tests, prototypes and the quick start.
 * Every check is made before anything is written, so an insert is all or nothing.
 *
 * <p>Thread-safe: one read-write lock guards all of its state.
 */
public sealed class InMemoryAggregateRecorder implements AggregateRecorder permits InMemoryApplicationRecorder {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UUID, EventsOfOriginator> byOriginator = new HashMap<>();
    private final String description;

    /** An empty recorder. */
    public InMemoryAggregateRecorder() {
        this("in-memory aggregate recorder");
    }

    InMemoryAggregateRecorder(String description) {
        this.description = description;
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        requireNonNull(events, "events");
        lock.writeLock().lock();
        try {
            checkNewEvents(events);
            return store(events);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit) {
        requireNonNull(originatorId, "originatorId");
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        lock.readLock().lock();
        try {
            EventsOfOriginator versions = byOriginator.get(originatorId);
            if (versions == null) {
                return List.of();
            }
            return versions.select(gt, lte, desc, limit == null ? Integer.MAX_VALUE : limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Fails if any event's (originator id, version) is recorded already or repeats within the batch. Locked. */
    final void checkNewEvents(List<StoredEvent> events) {
        @Nullable Set<String> batch = events.size() > 1 ? new HashSet<>() : null;
        for (StoredEvent event : events) {
            requireNonNull(event, "event");
            EventsOfOriginator versions = byOriginator.get(event.originatorId());
            boolean recorded = versions != null && versions.contains(event.originatorVersion());
            if (recorded || batch != null && !batch.add(event.originatorId() + ":" + event.originatorVersion())) {
                throw new IntegrityException("event " + event.originatorId() + ":" + event.originatorVersion()
                        + (recorded ? " already recorded in " : " appears twice in one insert into ") + description
                        + "; nothing of the insert was stored");
            }
        }
    }

    /** Stores checked events; returns their notification ids where this recorder gives them. Locked. */
    List<Long> store(List<StoredEvent> events) {
        for (StoredEvent event : events) {
            index(event);
        }
        return List.of();
    }

    final void index(StoredEvent event) {
        byOriginator.computeIfAbsent(event.originatorId(), id -> new EventsOfOriginator()).add(event);
    }

    @Override
    public String toString() {
        return description;
    }
}
