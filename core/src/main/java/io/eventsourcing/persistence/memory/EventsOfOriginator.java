package io.eventsourcing.persistence.memory;

import io.eventsourcing.persistence.StoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One originator's stored events in version order, in two parallel arrays searched by bisection.
 * Versions usually arrive in order, so recording one is an append. Not thread-safe: the recorder's
 * lock guards it.
 */
final class EventsOfOriginator {
    private long[] versions = new long[4];
    private StoredEvent[] events = new StoredEvent[4];
    private int size;

    boolean contains(long version) {
        return size > 0 && version <= versions[size - 1] && indexOf(version) >= 0;
    }

    /** Records an event whose version is not recorded yet. */
    void add(StoredEvent event) {
        long version = event.originatorVersion();
        int at = size == 0 || versions[size - 1] < version ? size : -indexOf(version) - 1;
        if (size == versions.length) {
            versions = Arrays.copyOf(versions, size * 2);
            events = Arrays.copyOf(events, size * 2);
        }
        System.arraycopy(versions, at, versions, at + 1, size - at);
        System.arraycopy(events, at, events, at + 1, size - at);
        versions[at] = version;
        events[at] = event;
        size++;
    }

    /**
     * The events with versions above {@code gt} and up to {@code lte} (either null for no bound), oldest
     * first or newest first, at most {@code limit}.
     */
    List<StoredEvent> select(@Nullable Long gt, @Nullable Long lte, boolean desc, int limit) {
        if (size == 0 || gt != null && gt >= versions[size - 1]) {
            return List.of();
        }
        int from = gt == null ? 0 : insertionPoint(gt + 1);
        int to = lte == null || lte == Long.MAX_VALUE ? size : insertionPoint(lte + 1);
        int count = Math.min(Math.max(0, to - from), limit);
        if (count == 0) {
            return List.of();
        }
        List<StoredEvent> selected = new ArrayList<>(count);
        if (desc) {
            for (int i = to - 1; i >= to - count; i--) {
                selected.add(events[i]);
            }
        } else {
            for (int i = from; i < from + count; i++) {
                selected.add(events[i]);
            }
        }
        return selected;
    }

    private int indexOf(long version) {
        return Arrays.binarySearch(versions, 0, size, version);
    }

    /** The index of the first version at or above {@code version}. */
    private int insertionPoint(long version) {
        int at = indexOf(version);
        return at >= 0 ? at : -at - 1;
    }
}
