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
 * locks under which a cached aggregate is fast-forwarded: a fixed set of locks that aggregates share by
 * the hash of their id, so taking one costs no bookkeeping, and two aggregates wait for each other
 * only in the rare case that they share a lock while both are fast-forwarded.
 *
 * <p>Thread-safe.
 */
final class AggregateCache {
    private final Map<UUID, Aggregate<?>> entries;
    private static final int LOCKS = 256;
    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];

    AggregateCache(int maxSize) {
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new ReentrantLock();
        }
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
        int hash = id.hashCode();
        ReentrantLock lock = locks[(hash ^ (hash >>> 16)) & (LOCKS - 1)];
        lock.lock();
        return lock::unlock;
    }

    interface AutoCloseableLock extends AutoCloseable {
        @Override
        void close();
    }
}
