package io.eventsourcing.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Running a prepared string of several statements that begins and commits its own transaction
 * ({@code BEGIN; ...; SELECT ...; COMMIT}) on a connection in auto-commit mode: the driver sends them
 * together and waits once.
 */
final class Scripts {
    private Scripts() {}

    /**
     * Runs the statements and returns the result of the one that selects, past the others' counts.
     *
     * @param what what the statements do, for the message if none selects
     */
    static ResultSet run(PreparedStatement statement, String what) throws SQLException {
        boolean results = statement.execute();
        while (!results && statement.getUpdateCount() != -1) {
            results = statement.getMoreResults();
        }
        if (!results) {
            throw new SQLException("no result from " + what);
        }
        return statement.getResultSet();
    }

    /**
     * Ends the transaction that statements which failed had begun, so that the connection goes back to
     * its pool idle; a failure to do so (a lost connection) is added to {@code cause}.
     */
    static void rollback(Connection connection, Exception cause) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
