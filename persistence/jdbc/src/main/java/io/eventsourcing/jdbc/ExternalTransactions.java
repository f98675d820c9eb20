package io.eventsourcing.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Transactions on a data source that a framework begins and ends (Spring's transaction managers),
 * which a {@link JdbcDatastore} joins: when the calling thread is in one, the datastore's reads and
 * writes run on that transaction's connection and never begin, commit, roll back or close it, so a
 * framework-managed transaction that rolls back leaves none of the application's events behind.
 *
 * <p>The Spring Boot module implements it. Implementations are thread-safe.
 */
public interface ExternalTransactions {
    /**
     * The connection of the calling thread's external transaction on the data source, or null if the
     * thread is in none. Every connection returned is given back with {@link #release}.
     *
     * @throws SQLException if the framework cannot hand out its connection
     */
    @Nullable Connection connection(DataSource dataSource) throws SQLException;

    /** Gives back a connection that {@link #connection} returned. */
    void release(Connection connection, DataSource dataSource);

    /**
     * The calling thread's external transaction on the data source, or null if it is in none: an
     * object that stays the same through one transaction and differs for the next.
     */
    @Nullable Object transaction(DataSource dataSource);

    /**
     * Calls {@code completion} on this thread once its external transaction has ended: {@code true}
     * after a commit, {@code false} after a rollback.
     *
     * @throws IllegalStateException if the thread is in none
     */
    void afterCompletion(DataSource dataSource, Consumer<Boolean> completion);
}
