package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AggregateRecorder} on a SQL table without notification ids, such as an application's
 * snapshots table. Inserts are one transaction each (or join the thread's transaction).
 *
 * <p>Thread-safe.
 */
public final class JdbcAggregateRecorder implements AggregateRecorder, TransactionalRecorder<Connection> {
    private final JdbcDatastore datastore;
    private final @Nullable JdbcReplicas replicas;
    private final String table;

    /**
     * @param datastore the database
     * @param table the validated, qualified table name (see {@link Tables})
     */
    public JdbcAggregateRecorder(JdbcDatastore datastore, String table) {
        this(datastore, null, table);
    }

    /**
     * A recorder that reads from replicas if they take the aggregates' reads.
     *
     * @param datastore the database: the primary, which every write goes to
     * @param replicas the replicas, or null to read from the primary
     * @param table the validated, qualified table name (see {@link Tables})
     */
    public JdbcAggregateRecorder(JdbcDatastore datastore, @Nullable JdbcReplicas replicas, String table) {
        this.datastore = requireNonNull(datastore, "datastore");
        this.replicas = replicas;
        this.table = requireNonNull(table, "table");
    }

    /** Creates the table if it does not exist. */
    public void createTable() {
        datastore.write("create table " + table, connection -> {
            Ddl.execute(connection, datastore.dialect().createAggregateTable(table));
            return null;
        });
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        requireNonNull(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        EventRows.checkNoRepeats(events, table);
        try {
            datastore.write("insert into " + table, connection -> {
                EventRows.insert(connection, datastore.dialect(), table, events);
                return null;
            });
        } catch (IntegrityException e) {
            throw EventRows.conflict(datastore, table, events, e);
        }
        return List.of();
    }

    @Override
    public List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit) {
        requireNonNull(originatorId, "originatorId");
        return ReadRouting.aggregates(datastore, replicas).read("select from " + table, connection ->
                EventRows.selectEvents(connection, datastore.dialect(), table, originatorId, gt, lte, desc, limit));
    }

    @Override
    public Class<Connection> sessionType() {
        return Connection.class;
    }

    @Override
    public <T> T transaction(TransactionWork<Connection, T> work) {
        return datastore.transaction(work);
    }

    @Override
    public String toString() {
        return "JdbcAggregateRecorder[" + table + "]";
    }
}
