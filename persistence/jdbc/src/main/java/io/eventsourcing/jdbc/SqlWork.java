package io.eventsourcing.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a connection inside the datastore's transaction or read.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {
    /** Does the work; do not commit, roll back or close the connection. */
    T run(Connection connection) throws SQLException;
}
