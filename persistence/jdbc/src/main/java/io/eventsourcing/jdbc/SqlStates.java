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
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Translates a driver's {@link SQLException} into the library's {@link PersistenceException} family by
 * its SQLState (ISO/IEC 9075 classes, with the PostgreSQL, MariaDB and H2 codes that differ). The one
 * place where the standard SQLStates are mapped; dialects add their vendor codes on top. It also says
 * which failures may pass if the work is tried again: a connection lost in the middle of the work
 * ({@link #isConnectionLost}), or a server that cannot take a connection just now
 * ({@link #isTransient}); a wrong password, a missing database or an unknown host never pass.
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

    /**
     * The exception for a failure to connect, with the driver's own reason (or the network's, when the
     * driver's says less) and the database it tried to reach.
     *
     * @param target the database, for the message, e.g. {@code "PostgreSQL at db:5432, database shop, user app"}
     */
    public static PersistenceException cannotConnect(SQLException e, String target) {
        return forState(e.getSQLState(), "cannot connect to " + target + ": " + describe(e), e);
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

    /**
     * Whether the connection of some work was lost (the server closed it, restarted or ended the
     * session), so work that had not committed may be tried again on a new one. Failing to make a
     * connection at all (SQLState 08001, 08004, 57P03, an unknown host) is not a lost connection: see
     * {@link #isTransient}.
     */
    public static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        if (state == null || networkCause(e) instanceof UnknownHostException) {
            return false;
        }
        return switch (state) {
            case "57P01", "57P02" -> true;                      // admin shutdown, crash shutdown
            case "08001", "08004" -> false;                     // could not connect; server rejected it
            default -> state.startsWith("08");                  // connection exception (08S01: MySQL's link failure)
        };
    }

    /**
     * Whether trying again may succeed without anyone changing anything: the connection was lost, the
     * server refused or did not answer a new connection (it is down or restarting), it is starting up,
     * or it has no connection slot free; also a pool that timed out waiting for a connection for one
     * of those reasons. A wrong password, a missing database or role, an unknown host, and every
     * failure of the work itself (a constraint, a timeout the user set, bad SQL) are not transient.
     */
    public static boolean isTransient(SQLException e) {
        if (isConnectionLost(e)) {
            return true;
        }
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return isTransient(cause); // a pool's timeout: transient if the last failure to connect was
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return switch (state) {
            case "57P03", "53300" -> true;                      // starting up; too many connections
            case "08001", "08004" -> networkCause(e) instanceof IOException io
                    && !(io instanceof UnknownHostException);   // refused or no answer; not a wrong name
            default -> false;
        };
    }

    /**
     * The message of a driver failure: the driver's text, with the network's reason after it when the
     * driver's alone does not say it ("The connection attempt failed." for an unknown host), and the
     * last failure to connect after a pool's timeout.
     */
    static String describe(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return text + "; the last attempt to connect failed: " + describe(cause);
        }
        Throwable network = networkCause(e);
        if (network != null && !alreadySays(text, network)) {
            text = text + " (" + networkReason(network) + ")";
        }
        return e.getSQLState() == null ? text : text + " [SQLState " + e.getSQLState() + "]";
    }

    /** Whether a driver's message already gives the network's reason. */
    private static boolean alreadySays(String text, Throwable network) {
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (network) {
            case UnknownHostException u -> lower.contains("unknown host");
            case ConnectException c -> lower.contains("refused");
            case SocketTimeoutException t -> lower.contains("timed out") || lower.contains("timeout");
            default -> network.getMessage() != null && lower.contains(network.getMessage().toLowerCase(Locale.ROOT));
        };
    }

    /** The network failure under a driver's exception, or null. */
    private static @Nullable Throwable networkCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String networkReason(Throwable network) {
        return switch (network) {
            case UnknownHostException u -> "unknown host " + u.getMessage();
            case ConnectException c -> "connection refused: " + c.getMessage();
            case NoRouteToHostException n -> "no route to host: " + n.getMessage();
            case SocketTimeoutException t -> "no answer in time: " + t.getMessage();
            default -> network.getClass().getSimpleName() + ": " + network.getMessage();
        };
    }
}
