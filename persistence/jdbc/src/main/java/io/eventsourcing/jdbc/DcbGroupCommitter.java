package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: DCB appends made at the same time are written as one group (see GroupQueue), in one
 * transaction: one lock, one read of the largest position with every condition of the group checked
 * in the same select, one insert, one commit. The appends are judged in arrival order, as if written
 * one by one: an append is refused when its condition fails on the store, or on an event of an append
 * accepted before it in the group (those events get the positions after the largest one, so they are
 * "after" any position the refused append's decision read). A refused append fails alone with
 * DcbConditionException and takes no position; the accepted ones are numbered consecutively.
 *
 * Where the dialect can (PostgreSQL), a group is written in one statement instead: while no other
 * process appends, the largest position is what this committer's previous group left, so the group is
 * judged here against its own appends, numbered after that position, and sent with the checks of the
 * store (the largest position is the one expected, no condition fails) that the statement makes under
 * the lock before it inserts anything. If a check fails (another process appended, or a condition
 * fails on the store), nothing was written and the group is written the other way, which learns the
 * largest position again.
 *
 * When the connection is lost while a group is written, what was recorded is found out before anyone is
 * answered: on a new connection, under the append lock, the events at the positions the group gave
 * each accepted append are read and compared with the append's own. Stored means appended; not stored
 * means written again (the conditions are checked again then); if it cannot be found out, the caller is
 * told exactly that.
 */

/**
 * Combines concurrent DCB appends to one store into groups written in one transaction each, and answers
 * each caller with its own outcome. Used by {@link JdbcDcbRecorder} for appends outside a caller's
 * transaction.
 *
 * <p>Thread-safe.
 */
final class DcbGroupCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(DcbGroupCommitter.class);
    private static final int MAX_GROUP_EVENTS = EventRows.ROWS_PER_INSERT;
    private static final int RESOLVE_ATTEMPTS = 8;

    private final JdbcDatastore datastore;
    private final DcbTables tables;
    private final JdbcDcbDialect dialect;
    private final GroupQueue<Pending> queue = new GroupQueue<>(Admission::new, this::write);
    /**
     * The largest position after this committer's last group, -1 when it is not known. Only the thread
     * writing a group uses it, and the queue orders those threads.
     */
    private long expectedHead = -1;
    /** The largest position the group being written leaves, once it commits. */
    private long groupHead = -1;

    DcbGroupCommitter(JdbcDatastore datastore, DcbTables tables, JdbcDcbDialect dialect) {
        this.datastore = requireNonNull(datastore, "datastore");
        this.tables = requireNonNull(tables, "tables");
        this.dialect = requireNonNull(dialect, "dialect");
    }

    /**
     * Appends the events if the condition holds, in a group with whatever other appends arrive meanwhile.
     *
     * @return the position of the last event appended
     * @throws DcbConditionException if the condition fails; nothing was appended
     * @throws PersistenceException if the database fails; the message says whether the events were
     *     appended, were not, or could not be found out
     */
    long append(List<DcbEvent> events, @Nullable DcbAppendCondition condition) {
        Pending pending = new Pending(List.copyOf(events), condition);
        queue.submit(pending);
        return pending.outcome();
    }

    /** How many groups were written, how many appends they held, and how many wait now. */
    GroupCommits statistics() {
        return queue.statistics();
    }

    /** A group holds at most {@link #MAX_GROUP_EVENTS} events; a bigger append goes alone. */
    private static final class Admission implements GroupQueue.Admission<Pending> {
        private int events;

        @Override
        public Verdict admit(Pending pending, boolean first) {
            int size = pending.events.size();
            if (!first && events + size > MAX_GROUP_EVENTS) {
                return Verdict.SKIP;
            }
            events += size;
            return events >= MAX_GROUP_EVENTS ? Verdict.TAKE_LAST : Verdict.TAKE;
        }
    }

    /** Writes a group and answers each of its callers; never throws. */
    private void write(List<Pending> group) {
        GroupQueue.writeInAttempts(group, datastore.retries(), this::attempt);
    }

    /**
     * Writes what is left of a group once, answering the callers whose outcome is known.
     *
     * @return the appends to write again: those found not appended after the connection was lost
     */
    private List<Pending> attempt(List<Pending> group, boolean last) {
        String context = "append to " + tables.events();
        for (Pending pending : group) {
            pending.first = 0;
        }
        long head = expectedHead;
        expectedHead = -1;
        try {
            boolean written = head >= 0 && dialect.appendsInOneStatement()
                    && datastore.onOwnConnection(context, connection -> writeInOneStatement(connection, group, head));
            if (!written) {
                datastore.onOwnConnection(context, connection -> ClassicGroupWriter.inTransaction(
                        datastore.dialect(), connection, () -> {
                            writeGroup(connection, group);
                            return null;
                        }));
            }
            expectedHead = groupHead;
        } catch (JdbcDatastore.Unreachable e) {
            if (!last && datastore.dialect().isTransient(e.cause)) {
                LOG.warn("{}: no connection ({}), retrying", context, e.cause.getMessage());
                GroupCommitter.pause(0);
                return group;
            }
            fail(group, datastore.dialect().translate(e.cause, context), "; nothing of it was appended");
            return List.of();
        } catch (SQLException e) {
            if (SqlStates.isConnectionLost(e)) {
                datastore.evictIdleConnections();
                return resolve(group, e, last);
            }
            fail(group, datastore.dialect().translate(e, context), "");
            return List.of();
        }
        for (Pending pending : group) {
            if (pending.refusal != null) {
                pending.fail(pending.refusal);
            } else {
                pending.succeed(pending.first + pending.events.size() - 1);
            }
        }
        return List.of();
    }

    /**
     * Judges the appends of a group as if the largest position were {@code head}, noting in each its
     * first position or its refusal, and writes the accepted ones in one statement that first checks
     * that guess and their conditions.
     *
     * @return whether the group was written; if not, nothing of it was
     */
    private boolean writeInOneStatement(Connection connection, List<Pending> group, long head) throws SQLException {
        List<DcbEvent> accepted = new ArrayList<>();
        List<DcbAppendCondition> checks = new ArrayList<>();
        for (Pending pending : group) {
            pending.refusal = null;
            DcbAppendCondition condition = pending.condition;
            if (condition != null) {
                long failedAt = firstMatch(condition.failIfEventsMatch(), accepted, head);
                if (failedAt > 0) {
                    pending.refusal = DcbConditionException.failed(tables.events(), condition, failedAt);
                    continue;
                }
                checks.add(condition);
            }
            pending.first = head + accepted.size() + 1;
            accepted.addAll(pending.events);
        }
        if (dialect.appendIfUnchanged(connection, tables, head, checks, accepted)) {
            groupHead = head + accepted.size();
            return true;
        }
        for (Pending pending : group) {
            pending.first = 0;
            pending.refusal = null;
        }
        return false;
    }

    /**
     * Judges and inserts the appends of a group in the caller's transaction, noting in each its first
     * position or its refusal.
     */
    private void writeGroup(Connection connection, List<Pending> group) throws SQLException {
        List<@Nullable DcbAppendCondition> conditions = new ArrayList<>(group.size());
        for (Pending pending : group) {
            conditions.add(pending.condition);
        }
        long[] locked = dialect.lock(connection, tables, conditions);
        long head = locked[0];
        List<DcbEvent> accepted = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Pending pending = group.get(i);
            pending.refusal = null;
            DcbAppendCondition condition = pending.condition;
            long failedAt = condition == null ? 0 : locked[i + 1];
            if (failedAt == 0 && condition != null) {
                failedAt = firstMatch(condition.failIfEventsMatch(), accepted, head);
            }
            if (failedAt > 0) {
                pending.refusal = DcbConditionException.failed(tables.events(), requireNonNull(condition), failedAt);
                continue;
            }
            pending.first = head + accepted.size() + 1;
            accepted.addAll(pending.events);
        }
        if (!accepted.isEmpty()) {
            dialect.insert(connection, tables, accepted, head + 1);
        }
        groupHead = head + accepted.size();
    }

    /** The position an event accepted earlier in the group gets if it matches the query, else 0. */
    private static long firstMatch(DcbQuery query, List<DcbEvent> accepted, long head) {
        for (int i = 0; i < accepted.size(); i++) {
            if (query.matches(accepted.get(i))) {
                return head + i + 1;
            }
        }
        return 0;
    }

    /**
     * After the connection was lost while writing, finds out which appends of the group were recorded
     * and answers their callers; returns the others for writing again, or fails them if this was the
     * last attempt.
     */
    private List<Pending> resolve(List<Pending> group, SQLException lost, boolean last) {
        String context = "append to " + tables.events();
        LOG.warn("{}: connection lost while writing a group of {} ({}); finding out what was appended", context,
                group.size(), lost.getMessage());
        boolean[] found = null;
        RuntimeException reason = null;
        for (int attempt = 0; attempt < RESOLVE_ATTEMPTS && found == null; attempt++) {
            if (attempt > 0) {
                GroupCommitter.pause(attempt - 1);
            }
            try {
                found = datastore.onOwnConnection("find out what was appended to " + tables.events(),
                        connection -> ClassicGroupWriter.inTransaction(datastore.dialect(), connection,
                                () -> appended(connection, group)));
            } catch (JdbcDatastore.Unreachable e) {
                reason = datastore.dialect().translate(e.cause, context);
            } catch (SQLException e) {
                reason = datastore.dialect().translate(e, context);
            } catch (PersistenceException e) {
                reason = e;
            }
        }
        List<Pending> again = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Pending pending = group.get(i);
            if (found == null) {
                pending.fail(new OperationalException(context + ": the connection was lost while writing ("
                        + lost.getMessage() + ") and it could not be found out whether the events were appended"
                        + (reason == null ? "" : " (" + reason.getMessage() + ")")
                        + "; read the store to see whether they were", lost));
            } else if (found[i]) {
                pending.succeed(pending.first + pending.events.size() - 1);
            } else if (last) {
                pending.fail(new OperationalException(context + ": the connection was lost while writing ("
                        + lost.getMessage() + "); the events were not appended", lost));
            } else {
                again.add(pending);
            }
        }
        return again;
    }

    /** For each append: whether the events at the positions the lost attempt gave it are its own. */
    private boolean[] appended(Connection connection, List<Pending> group) throws SQLException {
        dialect.lock(connection, tables, (DcbAppendCondition) null);
        boolean[] found = new boolean[group.size()];
        for (int i = 0; i < found.length; i++) {
            Pending pending = group.get(i);
            if (pending.first > 0) {
                List<DcbSequencedEvent> stored = dialect.select(connection, tables, DcbQuery.all(), pending.first - 1,
                        pending.events.size());
                found[i] = stored.size() == pending.events.size()
                        && stored.stream().map(DcbSequencedEvent::event).toList().equals(pending.events);
            }
        }
        return found;
    }

    private static void fail(List<Pending> group, PersistenceException failure, String suffix) {
        for (Pending pending : group) {
            pending.fail(suffix.isEmpty() ? failure : new OperationalException(failure.getMessage() + suffix, failure));
        }
    }

    /** One caller's append and, once known, its outcome. */
    private static final class Pending extends GroupQueue.Entry {
        final List<DcbEvent> events;
        final @Nullable DcbAppendCondition condition;
        /** The position of the first event in the attempt being written, 0 before it is known or if refused. */
        long first;
        @Nullable DcbConditionException refusal;
        private long last;

        Pending(List<DcbEvent> events, @Nullable DcbAppendCondition condition) {
            this.events = events;
            this.condition = condition;
        }

        void succeed(long lastPosition) {
            this.last = lastPosition;
            settle();
        }

        long outcome() {
            throwIfFailed();
            return last;
        }
    }
}
