package io.eventsourcing.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a group of saves to an application's tables in one transaction, so that they share one
 * notification lock and one commit (and so one flush of the database's log). A dialect chooses its
 * writer with {@link JdbcDialect#groupWriter()}; the recorder's group committer forms the groups and
 * answers each caller (see {@link JdbcApplicationRecorder}).
 *
 * <p>Each insert of a group is accepted or refused whole: an insert one of whose events is recorded
 * already, or whose tracking position is not above the recorded one, is refused and nothing of it is
 * written, while the others of its group are. The events of the accepted inserts are numbered after
 * the largest notification id, in the order of the group. The committer never puts two inserts with
 * the same (originator id, version), or with tracking positions of the same upstream application, in
 * one group, so inserts of one group are refused only for what is recorded in the tables.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface GroupWriter {
    /** The outcome of an insert refused because one of its events is recorded already. */
    long REFUSED_EVENTS = -1;
    /** The outcome of an insert refused because its tracking position is not above the recorded one. */
    long REFUSED_TRACKING = -2;

    /**
     * Writes the inserts in one transaction of its own on a connection in auto-commit mode, and leaves
     * no transaction open on it, whether it returns or throws.
     *
     * @param dialect the database's dialect
     * @param connection a connection of the pool, in auto-commit mode
     * @param tables the application's tables
     * @param inserts the group, at least one insert, in the order the callers arrived
     * @return for each insert, in order: the notification id of its first event if it was recorded (0
     *     if it has no events), or {@link #REFUSED_EVENTS} or {@link #REFUSED_TRACKING} if it was refused
     * @throws SQLException if the transaction did not commit (then nothing of the group is recorded),
     *     or if the connection was lost, when the transaction may or may not have committed
     */
    long[] write(JdbcDialect dialect, Connection connection, Tables tables, List<EventInsert> inserts)
            throws SQLException;
}
