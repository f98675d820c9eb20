package io.eventsourcing.examples.projections;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcTrackingRecorder;
import io.eventsourcing.jdbc.SqlWork;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.TransactionWork;
import java.sql.Connection;
import java.util.Map;

/*
 * Design: a view is configured like an application, under a name of its own: the same variables
 * (PERSISTENCE_MODULE, SQLITE_DBNAME, POSTGRES_*), prefixed by the view's upper-cased name when it
 * needs settings apart, and its tables are named from its lower-cased name. The backend's tracking
 * recorder is a JdbcTrackingRecorder, which opens transactions on the view's datastore; update()
 * writes the view's rows and raises the tracking mark inside one such transaction, so a crash leaves
 * both or neither, and replaying an event that is recorded already fails on the mark and rolls the
 * view's change back.
 */

/**
 * A materialised view in SQL tables of its own, beside a tracking table that records how far it has
 * processed each application it follows. Subclasses add their tables and their changes, each made with
 * {@link #update}.
 *
 * <p>Thread-safe. Close it to release its connections.
 */
public abstract class JdbcView implements TrackingRecorder {
    private final String name;
    private final JdbcFactory factory;
    private final JdbcTrackingRecorder tracking;

    /**
     * Connects the view and creates its tracking table (unless {@code CREATE_TABLE=false}).
     *
     * @param name the view's name: prefixes its variables and names its tables
     * @param env the settings, over the process environment
     * @throws IllegalArgumentException if the settings select a backend without SQL transactions
     */
    protected JdbcView(String name, Map<String, String> env) {
        this.name = requireNonNull(name, "name");
        InfrastructureFactory constructed = InfrastructureFactory.construct(Environment.of(name, env));
        if (!(constructed instanceof JdbcFactory jdbc)) {
            constructed.close();
            throw new IllegalArgumentException(name + " keeps its view in SQL tables: set PERSISTENCE_MODULE to "
                    + "sqlite, postgres or jdbc, not the backend of " + constructed.getClass().getSimpleName());
        }
        this.factory = jdbc;
        try {
            this.tracking = (JdbcTrackingRecorder) jdbc.trackingRecorder();
        } catch (RuntimeException e) {
            jdbc.close();
            throw e;
        }
    }

    /** The view's name. */
    public final String name() {
        return name;
    }

    /** The dialect's name: {@code sqlite}, {@code postgresql}, ... */
    protected final String dialect() {
        return factory.datastore().dialect().name();
    }

    /** One of the view's tables, named from the view and qualified by its schema: {@code eventcounters_counts}. */
    protected final String table(String suffix) {
        return factory.tables().forPurpose(suffix);
    }

    /** The same table unqualified, for SQL that must not name the schema. */
    protected final String unqualifiedTable(String suffix) {
        return factory.tables().prefix() + "_" + suffix;
    }

    /** Runs statements that create the view's tables, in one transaction. */
    protected final void create(String... statements) {
        tracking.transaction(connection -> {
            try (var statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /**
     * Changes the view and records the tracking position, in one transaction.
     *
     * @throws io.eventsourcing.persistence.IntegrityException if the position is recorded already; the
     *     change is then rolled back
     */
    // tag::view-update[]
    protected final void update(Tracking position, TransactionWork<Connection, ?> change) {
        tracking.transaction(connection -> {
            change.run(connection);                // the view's own rows
            tracking.insertTracking(position);     // joins the transaction: both commit, or neither
            return null;
        });
    }
    // end::view-update[]

    /**
     * Reads the view, outside any transaction.
     *
     * @throws io.eventsourcing.persistence.PersistenceException if the database fails
     */
    protected final <T> T query(SqlWork<T> work) {
        return factory.datastore().read("query " + name, work);
    }

    @Override
    public final void insertTracking(Tracking position) {
        tracking.insertTracking(position);
    }

    @Override
    public final long maxTrackingId(String applicationName) {
        return tracking.maxTrackingId(applicationName);
    }

    /** Closes the view's connections. */
    @Override
    public void close() {
        factory.close();
    }

    @Override
    public String toString() {
        return name + "[" + tracking + "]";
    }
}
