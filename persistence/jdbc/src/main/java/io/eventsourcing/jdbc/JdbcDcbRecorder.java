package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbPollingSubscription;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.dcb.DcbSubscription;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DcbRecorder} on SQL tables ({@link DcbTables}), with the SQL of a {@link JdbcDcbDialect}. An
 * append takes the dialect's append lock in its transaction, checks its condition and reads the
 * largest position under it, and inserts its events after that position (see {@link JdbcDcbDialect}):
 * positions are gap-free and in commit order, and a condition is checked and the events appended as
 * one step, against other threads and processes alike. Like the other JDBC recorders it joins the
 * thread's transaction ({@link #transaction}, an external one), so a decision can commit with the
 * caller's own rows. Subscriptions are woken by this recorder's appends and, where the dialect can
 * push (PostgreSQL's LISTEN/NOTIFY), by other processes' appends; otherwise they poll.
 *
 * <p>Thread-safe.
 */
public final class JdbcDcbRecorder implements DcbRecorder, TransactionalRecorder<Connection> {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDcbRecorder.class);

    private final JdbcDatastore datastore;
    private final DcbTables tables;
    private final JdbcDcbDialect dialect;
    private final Duration pollInterval;
    private final Set<DcbPollingSubscription> subscriptions = new CopyOnWriteArraySet<>();
    private final DcbGroupCommitter committer;
    private @Nullable AutoCloseable listener;
    private boolean listening;

    /**
     * @param datastore the database
     * @param tables the DCB tables
     * @param dialect the database's DCB statements
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    public JdbcDcbRecorder(JdbcDatastore datastore, DcbTables tables, JdbcDcbDialect dialect, Duration pollInterval) {
        this.datastore = requireNonNull(datastore, "datastore");
        this.tables = requireNonNull(tables, "tables");
        this.dialect = requireNonNull(dialect, "dialect");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval");
        this.committer = new DcbGroupCommitter(datastore, tables, dialect);
    }

    /** Creates the DCB tables and their indexes if they do not exist. */
    public void createTable() {
        datastore.write("create table " + tables.events(), connection -> {
            Ddl.execute(connection, dialect.createTables(tables));
            return null;
        });
    }

    /** The tables this recorder writes. */
    public DcbTables tables() {
        return tables;
    }

    @Override
    public List<DcbSequencedEvent> read(DcbQuery query, @Nullable Long after, @Nullable Integer limit) {
        requireNonNull(query, "query");
        if (after != null && after < 0) {
            throw new IllegalArgumentException("after must not be negative, was " + after);
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit != null && limit == 0) {
            return List.of();
        }
        return datastore.read("read from " + tables.events(), connection -> dialect.select(connection, tables, query,
                after == null ? 0 : after, limit == null ? Integer.MAX_VALUE : limit));
    }

    @Override
    public long append(List<DcbEvent> events, @Nullable DcbAppendCondition condition) {
        requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append: the list of events is empty");
        }
        events.forEach(event -> requireNonNull(event, "event"));
        long last = datastore.inTransaction() || datastore.externalTransaction() != null
                ? datastore.write("append to " + tables.events(),
                        connection -> append(connection, dialect, tables, events, condition))
                : committer.append(events, condition);
        subscriptions.forEach(DcbPollingSubscription::wake);
        return last;
    }

    /** What the recorder's group committer has done so far, e.g. to see how large its groups are. */
    public GroupCommits groupCommits() {
        return committer.statistics();
    }

    /**
     * One append on a connection in a transaction: takes the lock, checks the condition, inserts the
     * events after the largest position. The caller commits (or rolls back, when this throws).
     *
     * @return the position of the last event appended
     * @throws DcbConditionException if the condition fails; nothing was inserted
     */
    public static long append(Connection connection, JdbcDcbDialect dialect, DcbTables tables, List<DcbEvent> events,
            @Nullable DcbAppendCondition condition) throws SQLException {
        JdbcDcbDialect.Locked locked = dialect.lock(connection, tables, condition);
        if (condition != null && locked.failedAt() > 0) {
            throw DcbConditionException.failed(tables.events(), condition, locked.failedAt());
        }
        dialect.insert(connection, tables, events, locked.head() + 1);
        return locked.head() + events.size();
    }

    @Override
    public long head() {
        return datastore.read("select head of " + tables.events(), connection -> dialect.head(connection, tables));
    }

    @Override
    public DcbSubscription subscribe(DcbQuery query, long after) {
        requireNonNull(query, "query");
        startListening();
        DcbPollingSubscription[] self = new DcbPollingSubscription[1];
        self[0] = new DcbPollingSubscription(this, query, after, pollInterval, () -> subscriptions.remove(self[0]));
        subscriptions.add(self[0]);
        return self[0];
    }

    private synchronized void startListening() {
        if (!listening) {
            listening = true;
            listener = dialect.listen(datastore.dataSource(), tables,
                    () -> subscriptions.forEach(DcbPollingSubscription::wake));
        }
    }

    @Override
    public Class<Connection> sessionType() {
        return Connection.class;
    }

    @Override
    public <T> T transaction(TransactionWork<Connection, T> work) {
        return datastore.transaction(work);
    }

    /** Closes the subscriptions and stops listening for other processes' appends. */
    @Override
    public void close() {
        subscriptions.forEach(DcbPollingSubscription::close);
        AutoCloseable stop;
        synchronized (this) {
            stop = listener;
            listener = null;
        }
        if (stop != null) {
            try {
                stop.close();
            } catch (Exception e) {
                LOG.warn("stopping the listener of {} failed", tables.events(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcDcbRecorder[" + tables.events() + "]";
    }
}
