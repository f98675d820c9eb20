package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.PollingSubscription;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Subscription;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ApplicationRecorder} on a SQL events table. Notification ids are assigned inside the
 * insert transaction under the dialect's notification lock, after the largest recorded id, so they
 * are gap-free and in commit order (see {@link JdbcDialect}). Subscriptions are woken by this
 * recorder's own inserts and, where the dialect can push (PostgreSQL's LISTEN/NOTIFY), by other
 * processes' inserts; otherwise they poll.
 *
 * <p><b>Group commit.</b> An insert made outside a transaction of the calling thread (the usual
 * {@code save}) is not written by its caller alone: concurrent inserts into this recorder are combined
 * into groups, each written with one notification lock, one multi-row insert and one commit, so that
 * threads that save at the same time share the cost of a commit (on PostgreSQL a whole group takes one
 * round trip to the server). There is no timer: a caller that finds no group being written writes its
 * own at once, and the inserts that arrive meanwhile form the next group. Each insert keeps its own
 * outcome: one refused for a conflict (an event's version recorded already, or a tracking position not
 * above the recorded one) fails alone and nothing of it is written, while the others of its group
 * commit; two inserts of the same event version never share a group, so the later one is judged
 * against the earlier one's outcome. Notification ids stay gap-free and in commit order across groups
 * and across processes, as the lock orders the groups. If the connection is lost while a group is
 * written, what was recorded is looked up before any caller is answered, so a recorded insert is never
 * reported as failed. Inserts inside a caller's transaction ({@code transaction(...)}, JPA, a Spring
 * {@code @Transactional} method) are written in that transaction and commit with it.
 *
 * <p><b>Read replicas.</b> Given {@link JdbcReplicas}, the notification log is read from them (and the
 * aggregates too, if they take those reads), outside transactions; writes stay on the primary. A wake
 * of the subscriptions is then echoed for a moment, so that a subscription that read before its
 * replica replayed the commit reads again soon rather than at its next poll;
 * {@link #waitForNotification} waits until the replicas have replayed a notification.
 *
 * <p>Thread-safe.
 */
public sealed class JdbcApplicationRecorder implements ApplicationRecorder, TransactionalRecorder<Connection>
        permits JdbcProcessRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcApplicationRecorder.class);

    final JdbcDatastore datastore;
    final @Nullable JdbcReplicas replicas;
    final Tables tables;
    private final Duration pollInterval;
    private final @Nullable WakeEcho echo;
    private final Set<PollingSubscription> subscriptions = new CopyOnWriteArraySet<>();
    private final GroupCommitter committer;
    /** The largest notification id this recorder has committed itself (not in a caller's transaction). */
    private final AtomicLong committed = new AtomicLong();
    private @Nullable AutoCloseable listener;
    private boolean listening;

    /**
     * @param datastore the database
     * @param tables the application's tables
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    public JdbcApplicationRecorder(JdbcDatastore datastore, Tables tables, Duration pollInterval) {
        this(datastore, null, tables, pollInterval);
    }

    /**
     * A recorder that reads the notification log from replicas.
     *
     * @param datastore the database: the primary, which every write goes to
     * @param replicas where the notification log is read, or null to read it from the primary
     * @param tables the application's tables
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    public JdbcApplicationRecorder(JdbcDatastore datastore, @Nullable JdbcReplicas replicas, Tables tables,
            Duration pollInterval) {
        this.datastore = requireNonNull(datastore, "datastore");
        this.replicas = replicas;
        this.tables = requireNonNull(tables, "tables");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval");
        this.committer = new GroupCommitter(datastore, tables);
        this.echo = replicas == null ? null : new WakeEcho(() -> subscriptions.forEach(PollingSubscription::wake));
    }

    /** Creates the events table (and what its lock needs) if it does not exist. */
    public void createTable() {
        datastore.write("create table " + tables.events(), connection -> {
            datastore.dialect().upgradeEventsTable(connection, tables);
            Ddl.execute(connection, datastore.dialect().createEventsTable(tables));
            return null;
        });
    }

    /** The tables this recorder writes. */
    public Tables tables() {
        return tables;
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        requireNonNull(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        return insert(events, null);
    }

    final List<Long> insert(List<StoredEvent> events, @Nullable Tracking tracking) {
        EventRows.checkNoRepeats(events, tables.events());
        List<Long> ids;
        if (datastore.inTransaction() || datastore.externalTransaction() != null) {
            ids = insertInTransaction(events, tracking);
        } else {
            ids = committer.insert(events, tracking);
            if (!ids.isEmpty()) {
                committed.accumulateAndGet(ids.getLast(), Math::max);
            }
        }
        if (!ids.isEmpty()) {
            wakeSubscriptions();
        }
        return ids;
    }

    /** Writes in the calling thread's transaction (or an external one), which commits it. */
    private List<Long> insertInTransaction(List<StoredEvent> events, @Nullable Tracking tracking) {
        try {
            return datastore.write("insert into " + tables.events(), connection -> {
                if (tracking != null) {
                    TrackingRows.raise(connection, datastore.dialect(), tables.tracking(), tracking);
                }
                if (events.isEmpty()) {
                    return List.of();
                }
                return datastore.dialect().insertNotifications(connection, tables, events);
            });
        } catch (IntegrityException e) {
            if (events.isEmpty()) {
                throw e;
            }
            throw EventRows.conflict(datastore, tables.events(), events, e);
        }
    }

    /** What the recorder's group committer has done so far, e.g. to see how large its groups are. */
    public GroupCommits groupCommits() {
        return committer.statistics();
    }

    @Override
    public List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit) {
        requireNonNull(originatorId, "originatorId");
        return ReadRouting.aggregates(datastore, replicas).read("select from " + tables.events(), connection ->
                EventRows.selectEvents(connection, datastore.dialect(), tables.events(), originatorId, gt, lte, desc,
                        limit));
    }

    @Override
    public List<Notification> selectNotifications(long start, int limit, @Nullable Long stop, Set<String> topics) {
        requireNonNull(topics, "topics");
        return ReadRouting.log(datastore, replicas).read("select notifications from " + tables.events(), connection ->
                EventRows.selectNotifications(connection, datastore.dialect(), tables.events(), start, limit, stop,
                        topics));
    }

    @Override
    public long maxNotificationId() {
        return ReadRouting.log(datastore, replicas).read("select max notification id from " + tables.events(),
                connection -> EventRows.maxNotificationId(connection, tables.events()));
    }

    /**
     * Where the notification log is read from the primary, returns at once for a notification this
     * recorder committed (and otherwise once the primary has it); with replicas, once each has replayed
     * it (see {@link JdbcReplicas}).
     */
    @Override
    public void waitForNotification(long notificationId, Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (replicas == null) {
            if (notificationId > committed.get()) {
                ApplicationRecorder.super.waitForNotification(notificationId, timeout);
            }
        } else {
            replicas.waitForNotification(tables, notificationId, timeout);
        }
    }

    @Override
    public Subscription subscribe(long gt, Set<String> topics) {
        startListening();
        PollingSubscription[] self = new PollingSubscription[1];
        PollingSubscription subscription = new PollingSubscription(this, gt, topics, pollInterval,
                () -> subscriptions.remove(self[0]));
        self[0] = subscription;
        subscriptions.add(subscription);
        return subscription;
    }

    private synchronized void startListening() {
        if (!listening) {
            listening = true;
            listener = datastore.dialect().listen(datastore.dataSource(), tables, this::wakeSubscriptions);
        }
    }

    /** Wakes the subscriptions, and with replicas echoes the wake for a moment (see {@link WakeEcho}). */
    private void wakeSubscriptions() {
        subscriptions.forEach(PollingSubscription::wake);
        if (echo != null && !subscriptions.isEmpty()) {
            echo.request();
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

    /** Stops pushing notice of new events to subscriptions and closes them. */
    @Override
    public void close() {
        if (echo != null) {
            echo.close();
        }
        subscriptions.forEach(PollingSubscription::close);
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
        return getClass().getSimpleName() + "[" + tables.events() + "]";
    }
}
