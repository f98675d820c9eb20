package io.eventsourcing.application;

import io.eventsourcing.persistence.Notification;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An application's events in the order they were recorded, read in sections ({@code "1,10"}, then
 * {@code "11,20"}, ...) or by selection. Followers and projections read it to process every event once.
 *
 * <p>Implementations are thread-safe.
 */
public interface NotificationLog {
    /** The section size used when none is configured. */
    int DEFAULT_SECTION_SIZE = 10;

    /** The largest number of notifications in one section or selection. */
    int sectionSize();

    /**
     * The section with the given id, {@code "first,last"}; the ids are clamped to start at 1 and to
     * span at most {@link #sectionSize()}.
     *
     * @throws IllegalArgumentException if the id is not two integers separated by a comma
     */
    Section section(String sectionId);

    /**
     * Notifications in id order.
     *
     * @param start the first id to include
     * @param limit at most this many, not more than {@link #sectionSize()}
     * @param stop the last id to include, or null for no bound
     * @param topics only these topics, or all if empty
     * @throws IllegalArgumentException if {@code limit} exceeds the section size
     */
    List<Notification> select(long start, int limit, @Nullable Long stop, Set<String> topics);

    /** Notifications in id order from {@code start}, at most {@code limit}, all topics. */
    default List<Notification> select(long start, int limit) {
        return select(start, limit, null, Set.of());
    }

    /** The section id for a range of notification ids: {@code "first,last"}. */
    static String sectionId(long first, long last) {
        return first + "," + last;
    }
}
