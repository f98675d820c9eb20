package io.eventsourcing.application;

import io.eventsourcing.domain.Aggregate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The repository's cache of aggregates: unbounded, or least-recently-used with a maximum size; and the
 * registry of per-aggregate locks under which a cached aggregate is fast-forwarded. A lock is removed
 * once no thread holds or waits for it, so the registry stays as small as the contention.
 *
 * <p>Thread-safe.
 */
final class AggregateCache {
    private final Map<UUID, Aggregate<?>> entries;
    private final Map<UUID, CountedLock> locks = new ConcurrentHashMap<>();

    AggregateCache(int maxSize) {
        if (maxSize <= 0) {
            entries = new ConcurrentHashMap<>();
        } else {
            entries = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Aggregate<?>> eldest) {
                    return size() > maxSize;
                }
            });
        }
    }

    @Nullable Aggregate<?> get(UUID id) {
        return entries.get(id);
    }

    /** Caches the aggregate unless a newer version of it is cached already. */
    void put(Aggregate<?> aggregate) {
        entries.merge(aggregate.id(), aggregate, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    void remove(UUID id) {
        entries.remove(id);
    }

    int size() {
        return entries.size();
    }

    /** Acquires the aggregate's lock; release it with the returned handle. */
    AutoCloseableLock lock(UUID id) {
        CountedLock lock = locks.compute(id, (key, existing) -> {
            CountedLock counted = existing != null ? existing : new CountedLock();
            counted.users++;
            return counted;
        });
        lock.lock.lock();
        return () -> {
            lock.lock.unlock();
            locks.computeIfPresent(id, (key, existing) -> --existing.users == 0 ? null : existing);
        };
    }

    int lockCount() {
        return locks.size();
    }

    interface AutoCloseableLock extends AutoCloseable {
        @Override
        void close();
    }

    private static final class CountedLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }
}
