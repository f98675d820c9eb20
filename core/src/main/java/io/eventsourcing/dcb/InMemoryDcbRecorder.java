package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DcbRecorder} in memory ({@code PERSISTENCE_MODULE=memory}): for tests, prototypes and the
 * quick start. An event's position is its 1-based index in one list that grows only under the write
 * lock, which the condition check and the append hold together, so positions are gap-free and in commit
 * order and a condition cannot be overtaken. Each tag and each type keeps the ascending positions of
 * its events, so a query reads the positions of its most selective tag (or its types) instead of the
 * whole log. Subscriptions are woken on every append.
 *
 * <p>Thread-safe.
 */
public final class InMemoryDcbRecorder implements DcbRecorder {
    private static final Duration SAFETY_POLL = Duration.ofSeconds(1);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<DcbSequencedEvent> events = new ArrayList<>();
    private final Map<String, List<Long>> byTag = new HashMap<>();
    private final Map<String, List<Long>> byType = new HashMap<>();
    private final Set<DcbPollingSubscription> subscriptions = new CopyOnWriteArraySet<>();
    private final String description;

    /** An empty store. */
    public InMemoryDcbRecorder() {
        this("in-memory DCB recorder");
    }

    /** An empty store named for messages. */
    InMemoryDcbRecorder(String description) {
        this.description = description;
    }

    @Override
    public List<DcbSequencedEvent> read(DcbQuery query, @Nullable Long after, @Nullable Integer limit) {
        requireNonNull(query, "query");
        long from = checkAfter(after);
        int max = checkLimit(limit);
        lock.readLock().lock();
        try {
            List<DcbSequencedEvent> selected = new ArrayList<>(Math.min(max, 64));
            for (long position : positions(query, from, max)) {
                selected.add(events.get((int) position - 1));
            }
            return selected;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long append(List<DcbEvent> newEvents, @Nullable DcbAppendCondition condition) {
        requireNonNull(newEvents, "events");
        if (newEvents.isEmpty()) {
            throw new IllegalArgumentException("nothing to append: the list of events is empty");
        }
        newEvents.forEach(event -> requireNonNull(event, "event"));
        long last;
        lock.writeLock().lock();
        try {
            if (condition != null) {
                List<Long> failing = positions(condition.failIfEventsMatch(), condition.afterOrZero(), 1);
                if (!failing.isEmpty()) {
                    throw DcbConditionException.failed(description, condition, failing.getFirst());
                }
            }
            for (DcbEvent event : newEvents) {
                long position = events.size() + 1L;
                events.add(new DcbSequencedEvent(position, event));
                byType.computeIfAbsent(event.type(), t -> new ArrayList<>()).add(position);
                for (String tag : event.tags()) {
                    byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(position);
                }
            }
            last = events.size();
        } finally {
            lock.writeLock().unlock();
        }
        subscriptions.forEach(DcbPollingSubscription::wake);
        return last;
    }

    @Override
    public long head() {
        lock.readLock().lock();
        try {
            return events.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public DcbSubscription subscribe(DcbQuery query, long after) {
        requireNonNull(query, "query");
        DcbPollingSubscription[] self = new DcbPollingSubscription[1];
        self[0] = new DcbPollingSubscription(this, query, after, SAFETY_POLL, () -> subscriptions.remove(self[0]));
        subscriptions.add(self[0]);
        return self[0];
    }

    /** Closes the subscriptions. */
    @Override
    public void close() {
        subscriptions.forEach(DcbPollingSubscription::close);
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * The first {@code limit} positions after {@code after} of events the query matches, ascending.
     * Each item contributes at most {@code limit} positions, taken from its most selective index.
     * Locked.
     */
    private List<Long> positions(DcbQuery query, long after, int limit) {
        if (limit == 0) {
            return List.of();
        }
        if (query.matchesAll()) {
            List<Long> all = new ArrayList<>();
            for (long p = after + 1; p <= events.size() && all.size() < limit; p++) {
                all.add(p);
            }
            return all;
        }
        TreeSet<Long> found = new TreeSet<>();
        for (DcbQueryItem item : query.items()) {
            int taken = 0;
            for (long position : candidates(item, after, limit)) {
                if (found.size() >= limit && position > found.last()) {
                    break;
                }
                if (item.matches(events.get((int) position - 1).event())) {
                    found.add(position);
                    if (found.size() > limit) {
                        found.pollLast();
                    }
                    if (++taken == limit) {
                        break;
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The ascending positions after {@code after} that may match the item: those of its rarest tag, or
     * the first {@code limit} of each of its types (which all match a types-only item).
     */
    private Iterable<Long> candidates(DcbQueryItem item, long after, int limit) {
        if (!item.tags().isEmpty()) {
            List<Long> rarest = null;
            for (String tag : item.tags()) {
                List<Long> positions = byTag.getOrDefault(tag, List.of());
                if (rarest == null || positions.size() < rarest.size()) {
                    rarest = positions;
                }
            }
            return tail(requireNonNull(rarest), after);
        }
        TreeSet<Long> merged = new TreeSet<>();
        for (String type : item.types()) {
            List<Long> positions = tail(byType.getOrDefault(type, List.of()), after);
            merged.addAll(positions.subList(0, Math.min(limit, positions.size())));
        }
        return merged;
    }

    /** The positions after {@code after} of an ascending list. */
    private static List<Long> tail(List<Long> positions, long after) {
        int index = Collections.binarySearch(positions, after + 1);
        return positions.subList(index >= 0 ? index : -index - 1, positions.size());
    }

    static long checkAfter(@Nullable Long after) {
        if (after != null && after < 0) {
            throw new IllegalArgumentException("after must not be negative, was " + after);
        }
        return after == null ? 0 : after;
    }

    static int checkLimit(@Nullable Integer limit) {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return limit == null ? Integer.MAX_VALUE : limit;
    }
}
