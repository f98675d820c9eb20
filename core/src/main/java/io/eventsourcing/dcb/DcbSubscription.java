package io.eventsourcing.dcb;

import java.util.Iterator;

/**
 * A live, blocking view of the events of a {@link DcbRecorder} that a query matches:
 * {@link #hasNext()} waits until a new matching event is committed or the subscription is closed.
 * Close it (from any thread) to stop; a closed subscription's {@code hasNext()} returns false.
 *
 * <p>One thread iterates; any thread may close.
 */
public interface DcbSubscription extends Iterator<DcbSequencedEvent>, AutoCloseable {

    /**
     * Waits for the next matching event.
     *
     * @return true when one is available, false once the subscription is closed
     * @throws io.eventsourcing.persistence.WaitInterruptedException if the iterating thread is interrupted
     * @throws io.eventsourcing.persistence.PersistenceException if reading the store fails
     */
    @Override
    boolean hasNext();

    /** Stops the subscription and wakes a thread blocked in {@link #hasNext()}. Idempotent. */
    @Override
    void close();
}
