package io.eventsourcing.persistence;

import java.util.Iterator;

/**
 * A live, blocking view of an application's notification log: {@link #hasNext()} waits until a new
 * notification is committed or the subscription is closed. Close it (from any thread) to stop;
 * a closed subscription's {@code hasNext()} returns false.
 *
 * <p>One thread iterates; any thread may close.
 */
public interface Subscription extends Iterator<Notification>, AutoCloseable {

    /**
     * Waits for the next notification.
     *
     * @return true when one is available, false once the subscription is closed
     * @throws WaitInterruptedException if the iterating thread is interrupted
     * @throws PersistenceException if reading the log fails
     */
    @Override
    boolean hasNext();

    /** Stops the subscription and wakes a thread blocked in {@link #hasNext()}. Idempotent. */
    @Override
    void close();
}
