package io.eventsourcing.persistence;

/**
 * A recorder whose writes and reads can join a transaction the caller opens, so the caller's own
 * rows commit atomically with an application's events. The transaction is bound to the calling
 * thread: every recorder call on that thread inside the block joins it; nested calls join the
 * outer one. It commits when the outermost block returns and rolls back when it throws.
 *
 * @param <S> the session type the block receives
 */
public interface TransactionalRecorder<S> {

    /** The type of session a block receives, e.g. {@code java.sql.Connection}. */
    Class<S> sessionType();

    /**
     * Runs the block in a transaction bound to this thread (or in the one already open on it).
     *
     * @return what the block returned
     * @throws PersistenceException if the database fails; the transaction is rolled back
     * @throws RuntimeException what the block threw, after rolling back (checked exceptions are
     *     wrapped in {@link io.eventsourcing.domain.EventSourcingException})
     */
    <T> T transaction(TransactionWork<S, T> work);
}
