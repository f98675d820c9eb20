package io.eventsourcing.persistence;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AggregateRecorder} that also keeps every event in one sequence, the application's
 * notification log. Notification ids start at 1, are unique, increase in commit order and have no
 * gaps, also under concurrent writers: a reader that has seen every id up to N never later finds an
 * event with an id at or below N that it missed. Each backend says how it guarantees this.
 *
 * <p>Implementations are thread-safe.
 */
public interface ApplicationRecorder extends AggregateRecorder {

    /**
     * Notifications in id order.
     *
     * @param start the first id to include (values below 1 mean 1)
     * @param limit at most this many
     * @param stop the last id to include, or no bound if null
     * @param topics only events with these topics, or all events if empty
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    List<Notification> selectNotifications(long start, int limit, @Nullable Long stop, Set<String> topics);

    /** Notifications in id order, from {@code start}, at most {@code limit}. */
    default List<Notification> selectNotifications(long start, int limit) {
        return selectNotifications(start, limit, null, Set.of());
    }

    /** The largest notification id recorded, or 0 if none is. */
    long maxNotificationId();

    /**
     * Follows the notification log: a blocking iterator that first yields the recorded notifications
     * with ids greater than {@code gt} and then each new one as it is committed, until closed.
     *
     * @param gt yield notifications after this id (0 for all)
     * @param topics only events with these topics, or all if empty
     */
    Subscription subscribe(long gt, Set<String> topics);

    /** Follows the notification log after {@code gt}, all topics; see {@link #subscribe(long, Set)}. */
    default Subscription subscribe(long gt) {
        return subscribe(gt, Set.of());
    }

    /**
     * Blocks until this recorder's reads include notification {@code notificationId}: read-your-writes
     * for a recorder whose reads may lag behind its writes. Where reads go where writes go, a recorded id
     * is readable at once; a backend that reads the notification log from replicas (PostgreSQL's
     * {@code POSTGRES_REPLICA_HOSTS}) returns once they have replayed it. The default asks
     * {@link #maxNotificationId()} until it reaches the id.
     *
     * @param notificationId the id, e.g. of a {@link Recording} returned by a save
     * @param timeout the longest wait
     * @throws WaitTimeoutException if the id is not readable within the timeout, saying how far reads got
     * @throws WaitInterruptedException if the thread is interrupted while waiting
     */
    default void waitForNotification(long notificationId, Duration timeout) {
        Waiting.until(() -> maxNotificationId() >= notificationId, timeout, () -> "notification " + notificationId
                + " to be readable (reads reached notification " + maxNotificationId() + ")");
    }
}
