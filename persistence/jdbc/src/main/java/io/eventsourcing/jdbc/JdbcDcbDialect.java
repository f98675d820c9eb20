package io.eventsourcing.jdbc;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbSequencedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What differs between SQL databases in storing DCB events (the {@link JdbcDcbRecorder}'s SQL): table
 * definitions, how a query by types and tags is written, and the lock that keeps positions in commit
 * order. A {@link JdbcDialect} gives its own with {@link JdbcDialect#dcbDialect()}.
 *
 * <p><b>Positions and conditions.</b> An append first {@linkplain #lock takes the lock} that serialises
 * the appenders of one store until the transaction ends, and under it reads the largest position and
 * checks the condition; then it inserts its events numbered after that position. Since the next
 * appender can only read the largest position and check its condition once the previous one has
 * committed, positions increase in commit order, no condition is checked against a store that another
 * append is changing, and a refused append (which inserts nothing) uses no position: no gaps. Readers
 * are not blocked.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface JdbcDcbDialect {

    /** The statements that create the DCB tables and their indexes; each leaves an existing one alone. */
    List<String> createTables(DcbTables tables);

    /**
     * Takes the append lock, held until the transaction ends, then reads the largest position and, if
     * a condition is given, the position of the first event that fails it.
     */
    Locked lock(Connection connection, DcbTables tables, @Nullable DcbAppendCondition condition) throws SQLException;

    /**
     * Takes the append lock, as {@link #lock(Connection, DcbTables, DcbAppendCondition)} does, for a group
     * of appends: reads the largest position and, for each append's condition (null for an append
     * without one), the position of the first event that fails it, 0 if none does. The default checks
     * the conditions one at a time; a dialect that can read them all at once overrides it.
     *
     * @return the largest position, then the position for each condition, in order
     */
    default long[] lock(Connection connection, DcbTables tables, List<@Nullable DcbAppendCondition> conditions)
            throws SQLException {
        long[] locked = new long[conditions.size() + 1];
        locked[0] = lock(connection, tables, (DcbAppendCondition) null).head();
        for (int i = 0; i < conditions.size(); i++) {
            DcbAppendCondition condition = conditions.get(i);
            locked[i + 1] = condition == null ? 0 : lock(connection, tables, condition).failedAt();
        }
        return locked;
    }

    /**
     * Whether the dialect has {@link #appendIfUnchanged}: a group of appends written, checked and
     * committed by one statement.
     */
    default boolean appendsInOneStatement() {
        return false;
    }

    /**
     * In one statement on a connection in auto-commit mode (the statement begins and commits its own
     * transaction): takes the append lock, then appends the events at positions {@code head + 1},
     * {@code head + 2}, ... if the largest position is still {@code head} and none of the conditions
     * fails, and otherwise appends nothing. The group committer uses it when it expects the largest
     * position to be what its previous group left, which holds while no other process appends.
     *
     * @param conditions the conditions to check, all of them
     * @return whether the events were appended; false also when the group is too big for one statement
     * @throws UnsupportedOperationException if {@link #appendsInOneStatement()} is false
     */
    default boolean appendIfUnchanged(Connection connection, DcbTables tables, long head,
            List<DcbAppendCondition> conditions, List<DcbEvent> events) throws SQLException {
        throw new UnsupportedOperationException("appends in one statement: " + getClass().getName());
    }

    /**
     * Inserts events at positions {@code first}, {@code first + 1}, ...; the caller holds the lock.
     */
    void insert(Connection connection, DcbTables tables, List<DcbEvent> events, long first) throws SQLException;

    /**
     * The events the query matches with positions above {@code after}, ascending, at most {@code limit}.
     */
    List<DcbSequencedEvent> select(Connection connection, DcbTables tables, DcbQuery query, long after, int limit)
            throws SQLException;

    /** The largest position, 0 if there is none. */
    default long head(Connection connection, DcbTables tables) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(position) FROM " + tables.events());
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /**
     * Starts pushing notice of new events: calls {@code onNewEvents} whenever another connection (or
     * process) commits an append. Returns what stops it, or null if the database has no push
     * mechanism, in which case subscriptions poll.
     */
    default @Nullable AutoCloseable listen(DataSource dataSource, DcbTables tables, Runnable onNewEvents) {
        return null;
    }

    /**
     * What an append reads under its lock.
     *
     * @param head the largest position, 0 if there is none
     * @param failedAt the position of the first event that fails the condition, 0 if none does (or there is no condition)
     */
    record Locked(long head, long failedAt) {}
}
