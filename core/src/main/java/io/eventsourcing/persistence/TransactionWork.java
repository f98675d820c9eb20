package io.eventsourcing.persistence;

/**
 * A block of work run in a database transaction with the backend's session (a JDBC
 * {@code Connection}, a JPA {@code EntityManager}).
 *
 * @param <S> the session type
 * @param <T> the result type
 */
@FunctionalInterface
public interface TransactionWork<S, T> {
    /**
     * Does the work. Throwing rolls the transaction back.
     *
     * @param session the transaction's session; do not commit, roll back or close it
     */
    T run(S session) throws Exception;
}
