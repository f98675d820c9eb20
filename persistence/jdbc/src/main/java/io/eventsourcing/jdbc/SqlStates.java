package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.DatabaseException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.InternalException;
import io.eventsourcing.persistence.NotSupportedException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;

/**
 * Translates a driver's {@link SQLException} into the library's {@link PersistenceException} family by
 * its SQLState (ISO/IEC 9075 classes, with the PostgreSQL, MariaDB and H2 codes that differ). The one
 * place where the standard SQLStates are mapped; dialects add their vendor codes on top.
 */
public final class SqlStates {
    private SqlStates() {}

    /**
     * The exception for a SQLState.
     *
     * @param e the driver's exception
     * @param context what was being done, e.g. {@code "insert into dogschool_events"}
     */
    public static PersistenceException translate(SQLException e, String context) {
        String message = context + ": " + describe(e);
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException && state == null) {
            return new OperationalException(message, e);
        }
        return forState(state, message, e);
    }

    /** The exception for a SQLState, or a plain {@link DatabaseException} if the state is unknown. */
    public static PersistenceException forState(@Nullable String state, String message, Throwable cause) {
        if (state == null || state.length() < 2) {
            return new DatabaseException(message, cause);
        }
        switch (state) {
            case "55P03", "57014", "HYT00", "HYT01" -> {
                return new OperationalException(message, cause); // lock or statement timeout
            }
            case "42P01", "42S02", "42S04", "42102", "42104" -> {
                return new ProgrammingException(message + " (does the table exist? it is created on first use "
                        + "unless CREATE_TABLE=false)", cause);
            }
            case "HY000" -> {
                return new DatabaseException(message, cause);
            }
            default -> {
                // fall through to the class
            }
        }
        return switch (state.substring(0, 2)) {
            case "08" -> new OperationalException(message, cause); // connection exception
            case "22" -> new DataException(message, cause);
            case "23" -> new IntegrityException(message, cause);
            case "24", "25", "26", "2D", "2F", "34", "3D", "3F", "42", "44" -> new ProgrammingException(message, cause);
            case "28" -> new InterfaceException(message, cause); // invalid authorization
            case "0A" -> new NotSupportedException(message, cause);
            case "40", "53", "54", "55", "57", "58" -> new OperationalException(message, cause);
            case "XX" -> new InternalException(message, cause);
            case "HY" -> new InterfaceException(message, cause);
            default -> new DatabaseException(message, cause);
        };
    }

    /** Whether the connection was lost, so the operation may be retried on a new one. */
    public static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    private static String describe(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return e.getSQLState() == null ? text : text + " [SQLState " + e.getSQLState() + "]";
    }
}
