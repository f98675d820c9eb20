package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: the inserts are queued in a GroupQueue (group commit without a timer: a lone save writes at
 * once, and under load the groups grow by themselves with the number of callers that arrive during
 * one commit); each group is written in one transaction through the dialect's GroupWriter, so one lock,
 * one insert and one log flush serve them all, and every caller is answered with its own outcome.
 *
 * What a group may hold: at most MAX_GROUP_EVENTS events (a bigger insert goes alone), never two
 * inserts with the same (originator id, version), never two tracking positions of the same upstream
 * application. An insert that would break this waits for the next group, which sees the first one's
 * outcome in the table; so every insert is judged as if the inserts were written one after another in
 * arrival order, and refusing one refuses nothing else.
 *
 * When the connection is lost while a group is written, the outcome is unknown: the commit may have
 * happened. The committer then finds out before answering: on a new connection, under the
 * notification lock (so a transaction of the lost connection still running has ended by then), it
 * looks up each insert's first event and compares the stored bytes with its own. Stored means
 * recorded, with the ids read back; not stored means the insert is written again (up to the
 * datastore's retries); if it cannot be found out, the caller is told exactly that. A caller is never
 * told that a recorded save failed, nor that an unrecorded one was recorded.
 */

/**
 * Combines concurrent inserts into one application's tables into groups written in one transaction
 * each, and answers each caller with its own outcome. Used by the JDBC application and process
 * recorders for saves outside a caller's transaction.
 *
 * <p>Thread-safe.
 */
final class GroupCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /** The most events in one group, so that one multi-row statement carries them. */
    static final int MAX_GROUP_EVENTS = EventRows.ROWS_PER_INSERT;
    private static final int RESOLVE_ATTEMPTS = 8;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    /** What {@link #recorded} finds of an insert whose outcome it cannot tell. */
    private static final long UNKNOWN = -3;
    /** What {@link #recorded} finds of an insert that is not recorded. */
    private static final long ABSENT = -4;

    private final JdbcDatastore datastore;
    private final Tables tables;
    private final GroupWriter writer;
    private final GroupQueue<Pending> queue = new GroupQueue<>(Admission::new, this::write);

    GroupCommitter(JdbcDatastore datastore, Tables tables) {
        this.datastore = requireNonNull(datastore, "datastore");
        this.tables = requireNonNull(tables, "tables");
        this.writer = requireNonNull(datastore.dialect().groupWriter(), "groupWriter");
    }

    /**
     * Records the events and the tracking position atomically, in a group with whatever other inserts
     * arrive meanwhile.
     *
     * @return the notification ids of the events, in order
     * @throws IntegrityException if an event is recorded already or the tracking position is not above
     *     the recorded one; nothing of this insert was recorded
     * @throws PersistenceException if the database fails; the message says whether the insert was
     *     recorded, was not, or could not be found out
     */
    List<Long> insert(List<StoredEvent> events, @Nullable Tracking tracking) {
        Pending pending = new Pending(new EventInsert(events, tracking));
        queue.submit(pending);
        return pending.outcome();
    }

    /** How many groups were written, how many inserts they held, and how many wait now. */
    GroupCommits statistics() {
        return queue.statistics();
    }

    /**
     * What one group admits: at most {@link #MAX_GROUP_EVENTS} events (a bigger insert goes alone), never
     * two inserts with the same (originator id, version), never two tracking positions of the same
     * upstream application.
     */
    private static final class Admission implements GroupQueue.Admission<Pending> {
        private final Set<EventRows.Key> keys = new HashSet<>();
        private final Set<String> upstream = new HashSet<>();
        private @Nullable EventInsert first;
        private int events;

        @Override
        public Verdict admit(Pending pending, boolean isFirst) {
            EventInsert insert = pending.insert;
            int size = insert.events().size();
            if (isFirst) {
                // Nothing to clash with yet: the first insert's keys are noted only if a second one comes.
                first = insert;
            } else {
                if (events + size > MAX_GROUP_EVENTS) {
                    return Verdict.SKIP;
                }
                if (first != null) {
                    note(first);
                    first = null;
                }
                if (clashes(insert)) {
                    return Verdict.SKIP;
                }
                note(insert);
            }
            events += size;
            return events >= MAX_GROUP_EVENTS ? Verdict.TAKE_LAST : Verdict.TAKE;
        }

        private void note(EventInsert insert) {
            for (StoredEvent event : insert.events()) {
                keys.add(EventRows.Key.of(event));
            }
            if (insert.tracking() != null) {
                upstream.add(insert.tracking().applicationName());
            }
        }

        private boolean clashes(EventInsert insert) {
            if (insert.tracking() != null && upstream.contains(insert.tracking().applicationName())) {
                return true;
            }
            for (StoredEvent event : insert.events()) {
                if (keys.contains(EventRows.Key.of(event))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Writes a group and answers each of its callers; never throws. */
    private void write(List<Pending> group) {
        GroupQueue.writeInAttempts(group, datastore.retries(), this::attempt);
    }

    /**
     * Writes what is left of a group once, answering the callers whose outcome is known.
     *
     * @param last whether a failure that could be retried is final
     * @return the inserts to write again: those found not recorded after the connection was lost
     */
    private List<Pending> attempt(List<Pending> group, boolean last) {
        List<EventInsert> inserts = new ArrayList<>(group.size());
        for (Pending pending : group) {
            inserts.add(pending.insert);
        }
        String context = "insert into " + tables.events();
        long[] outcomes;
        try {
            outcomes = datastore.onOwnConnection(context,
                    connection -> writer.write(datastore.dialect(), connection, tables, inserts));
        } catch (JdbcDatastore.Unreachable e) {
            if (!last && datastore.dialect().isTransient(e.cause)) {
                LOG.warn("{}: no connection ({}), retrying", context, e.cause.getMessage());
                pause(0);
                return group;
            }
            PersistenceException failure = datastore.dialect().translate(e.cause, context);
            failAll(group, failure, "; nothing of it was recorded");
            return List.of();
        } catch (SQLException e) {
            if (SqlStates.isConnectionLost(e)) {
                // The server may have restarted: its other connections in the pool are gone too.
                datastore.evictIdleConnections();
                return resolve(group, e, last);
            }
            PersistenceException failure = datastore.dialect().translate(e, context);
            if (failure instanceof IntegrityException && group.size() == 1) {
                Pending pending = group.getFirst();
                pending.refuse(EventRows.conflict(datastore, tables.events(), pending.insert.events(),
                        (IntegrityException) failure));
                return List.of();
            }
            failAll(group, failure, "");
            return List.of();
        }
        for (int i = 0; i < outcomes.length; i++) {
            complete(group.get(i), outcomes[i]);
        }
        return List.of();
    }

    private void complete(Pending pending, long outcome) {
        EventInsert insert = pending.insert;
        if (outcome == GroupWriter.REFUSED_EVENTS) {
            pending.refuse(EventRows.conflict(datastore, tables.events(), insert.events(),
                    new IntegrityException("an event of the insert is already recorded in " + tables.events()
                            + "; nothing of the insert was stored")));
        } else if (outcome == GroupWriter.REFUSED_TRACKING) {
            Tracking tracking = requireNonNull(insert.tracking());
            pending.refuse(new IntegrityException("tracking id " + tracking.notificationId() + " of "
                    + tracking.applicationName() + " is not above the one recorded in " + tables.tracking()
                    + "; nothing of the insert was stored"));
        } else {
            pending.succeed(outcome, insert.events().size());
        }
    }

    /**
     * After the connection was lost while writing, finds out which inserts of the group were recorded
     * and answers their callers; returns the others for writing again, or fails them if this was the
     * last attempt.
     */
    private List<Pending> resolve(List<Pending> group, SQLException lost, boolean last) {
        String context = "insert into " + tables.events();
        LOG.warn("{}: connection lost while writing a group of {} ({}); finding out what was recorded", context,
                group.size(), lost.getMessage());
        long[] found = null;
        RuntimeException reason = null;
        for (int attempt = 0; attempt < RESOLVE_ATTEMPTS && found == null; attempt++) {
            if (attempt > 0) {
                pause(attempt - 1);
            }
            try {
                found = datastore.onOwnConnection("find out what was recorded in " + tables.events(),
                        connection -> ClassicGroupWriter.inTransaction(datastore.dialect(), connection, () -> {
                            datastore.dialect().lockNotifications(connection, tables);
                            return recorded(connection, group);
                        }));
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
            if (found == null || found[i] == UNKNOWN) {
                pending.fail(new OperationalException(context + ": the connection was lost while writing ("
                        + lost.getMessage() + ") and it could not be found out whether the events were recorded"
                        + (reason == null ? "" : " (" + reason.getMessage() + ")")
                        + "; get the aggregate again to see whether they were", lost));
            } else if (found[i] >= 0) {
                pending.succeed(found[i], pending.insert.events().size());
            } else if (last) {
                pending.fail(new OperationalException(context + ": the connection was lost while writing ("
                        + lost.getMessage() + "); the events were not recorded", lost));
            } else {
                again.add(pending);
            }
        }
        return again;
    }

    /**
     * For each insert: the notification id of its first event if its events are recorded with the bytes
     * it wrote (0 for an insert of a tracking position alone, found recorded), {@link #ABSENT} if not,
     * or {@link #UNKNOWN}.
     */
    private long[] recorded(Connection connection, List<Pending> group) throws SQLException {
        JdbcDialect dialect = datastore.dialect();
        long[] found = new long[group.size()];
        for (int i = 0; i < found.length; i++) {
            EventInsert insert = group.get(i).insert;
            if (insert.events().isEmpty()) {
                Tracking tracking = requireNonNull(insert.tracking());
                long position = TrackingRows.max(connection, tables.tracking(), tracking.applicationName());
                found[i] = position == tracking.notificationId() ? 0
                        : position < tracking.notificationId() ? ABSENT : UNKNOWN;
                continue;
            }
            StoredEvent first = insert.events().getFirst();
            try (PreparedStatement select = connection.prepareStatement("SELECT notification_id, state FROM "
                    + tables.events() + " WHERE originator_id = ? AND originator_version = ?")) {
                dialect.setUuid(select, 1, first.originatorId());
                select.setLong(2, first.originatorVersion());
                try (ResultSet rows = select.executeQuery()) {
                    found[i] = rows.next() && Arrays.equals(rows.getBytes(2), first.state()) ? rows.getLong(1) : ABSENT;
                }
            }
        }
        return found;
    }

    private static void failAll(List<Pending> group, PersistenceException failure, String suffix) {
        for (Pending pending : group) {
            pending.fail(suffix.isEmpty() ? failure : new OperationalException(failure.getMessage() + suffix, failure));
        }
    }

    /** Sleeps before attempt {@code attempt + 1}: 100 ms, doubling, at most 2 s. */
    static void pause(int attempt) {
        long millis = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(attempt, 10));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One caller's insert and, once known, its outcome. */
    private static final class Pending extends GroupQueue.Entry {
        final EventInsert insert;
        private @Nullable List<Long> ids;

        Pending(EventInsert insert) {
            this.insert = insert;
        }

        void succeed(long first, int count) {
            Long[] numbers = new Long[count];
            for (int i = 0; i < count; i++) {
                numbers[i] = first + i;
            }
            ids = List.of(numbers);
            settle();
        }

        void refuse(IntegrityException failure) {
            fail(failure);
        }

        /** The ids, or the failure thrown; called by the caller's thread once settled. */
        List<Long> outcome() {
            throwIfFailed();
            return requireNonNull(ids);
        }
    }
}
