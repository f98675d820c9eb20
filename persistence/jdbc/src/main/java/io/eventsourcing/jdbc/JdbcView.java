package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.TransactionWork;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/*
 * Design: a view is configured like an application, under a name of its own: the same variables
 * (PERSISTENCE_MODULE, SQLITE_DBNAME, POSTGRES_*, JDBC_*), prefixed by the view's upper-cased name
 * when it needs settings apart, and its tables are named from its lower-cased name. The backend's
 * tracking recorder opens transactions on the view's datastore; update() writes the view's rows and
 * raises the tracking mark inside one such transaction, so a crash leaves both or neither, and
 * processing an event whose position is recorded already fails on the mark and rolls the view's change
 * back. That is the exactly-once contract a Projection asks of its view.
 */

/**
 * A materialised view in SQL tables of its own, beside a tracking table that records how far it has
 * processed each application it follows: the view a {@link io.eventsourcing.system.Projection} writes.
 * A subclass creates its tables in its constructor with {@link #create}, changes them with
 * {@link #update}, which records the event's position in the same transaction, and reads them with
 * {@link #query}:
 *
 * <pre>{@code
 * public final class EventCounters extends JdbcView {
 *     private final String counts;
 *
 *     public EventCounters(Map<String, String> env) {
 *         super("EventCounters", env);                    // tables eventcounters_counts, eventcounters_tracking
 *         counts = table("counts");
 *         create("CREATE TABLE IF NOT EXISTS " + counts + " (event_type VARCHAR(255) PRIMARY KEY, counted BIGINT)");
 *     }
 *
 *     public void increment(String eventType, Tracking tracking) {
 *         update(tracking, connection -> { ... an UPDATE or INSERT on counts ... });
 *     }
 * }
 * }</pre>
 *
 * <p>It works on every backend whose tracking recorder is a {@link JdbcTrackingRecorder}: SQLite,
 * PostgreSQL and any JDBC database with a dialect ({@code PERSISTENCE_MODULE=jdbc}). Table names are plain identifiers,
 * never built from untrusted text; the SQL of the view's own tables is the subclass's, so it may differ
 * by {@link #dialect()}.
 *
 * <p>Thread-safe. Close it to release its connections.
 */
public abstract class JdbcView implements TrackingRecorder {
    private final String name;
    private final JdbcFactory factory;
    private final JdbcTrackingRecorder tracking;

    /**
     * Connects the view, configured by {@code env} over the process environment, and creates its
     * tracking table (unless {@code CREATE_TABLE=false}).
     *
     * @param name the view's name: prefixes its variables and names its tables
     * @param env the settings
     * @throws ConfigurationException if a setting is invalid, or the settings select a backend without
     *     SQL tables (such as the in-memory one)
     */
    protected JdbcView(String name, Map<String, String> env) {
        this(Environment.of(requireNonNull(name, "name"), requireNonNull(env, "env")));
    }

    /**
     * Connects the view configured by an environment, named by its name, and creates its tracking table
     * (unless {@code CREATE_TABLE=false}).
     *
     * @throws ConfigurationException if a setting is invalid, or the settings select a backend without
     *     SQL tables (such as the in-memory one) or without transactions on JDBC connections (JPA)
     */
    protected JdbcView(Environment environment) {
        this.name = environment.name();
        InfrastructureFactory constructed = InfrastructureFactory.construct(environment);
        if (!(constructed instanceof JdbcFactory jdbc)) {
            constructed.close();
            throw new ConfigurationException(name + " keeps its view in SQL tables, and "
                    + constructed.getClass().getSimpleName() + " has none: set "
                    + environment.sourceOf(InfrastructureFactory.PERSISTENCE_MODULE)
                    + " to sqlite, postgres or jdbc");
        }
        this.factory = jdbc;
        TrackingRecorder recorder;
        try {
            recorder = jdbc.trackingRecorder();
        } catch (RuntimeException e) {
            jdbc.close();
            throw e;
        }
        if (!(recorder instanceof JdbcTrackingRecorder connections)) {
            jdbc.close();
            throw new ConfigurationException(name + " writes its view on JDBC connections, and the tracking "
                    + "recorder of " + jdbc.getClass().getSimpleName() + " (" + recorder.getClass().getSimpleName()
                    + ") has transactions of another kind: set "
                    + environment.sourceOf(InfrastructureFactory.PERSISTENCE_MODULE) + " to sqlite, postgres or jdbc");
        }
        this.tracking = connections;
    }

    /** The view's name. */
    public final String name() {
        return name;
    }

    /** The database's dialect, to choose SQL by: {@code sqlite}, {@code postgresql}, {@code mariadb}, {@code h2}. */
    protected final String dialect() {
        return factory.datastore().dialect().name();
    }

    /**
     * One of the view's tables, named from the view and qualified by its schema:
     * {@code table("counts")} is {@code eventcounters_counts}.
     *
     * @throws io.eventsourcing.persistence.ProgrammingException if the suffix is not a plain identifier
     */
    protected final String table(String suffix) {
        return factory.tables().forPurpose(requireNonNull(suffix, "suffix"));
    }

    /**
     * The same table's name without the schema, for SQL that must not qualify it (an index's name, a
     * column reference in PostgreSQL's {@code ON CONFLICT ... DO UPDATE}).
     *
     * @throws io.eventsourcing.persistence.ProgrammingException if the suffix is not a plain identifier
     */
    protected final String unqualifiedTable(String suffix) {
        table(suffix);
        return factory.tables().prefix() + "_" + suffix;
    }

    /**
     * Runs statements that create the view's tables (use {@code IF NOT EXISTS}), in one transaction;
     * nothing when {@code CREATE_TABLE=false}, where the tables are made by migrations.
     *
     * @throws io.eventsourcing.persistence.PersistenceException if a statement fails
     */
    protected final void create(String... statements) {
        requireNonNull(statements, "statements");
        if (!factory.createTable()) {
            return;
        }
        tracking.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /**
     * Changes the view and records the tracking position, in one transaction: both commit, or neither.
     *
     * @param position the position of the event the change is made for
     * @param change the view's own statements, on the transaction's connection (do not commit, roll back
     *     or close it)
     * @throws io.eventsourcing.persistence.IntegrityException if the position is recorded already; the
     *     change is then rolled back
     * @throws io.eventsourcing.persistence.PersistenceException if the database fails
     */
    protected final void update(Tracking position, TransactionWork<Connection, ?> change) {
        requireNonNull(position, "position");
        requireNonNull(change, "change");
        tracking.transaction(connection -> {
            change.run(connection);                // the view's own rows
            tracking.insertTracking(position);     // joins the transaction: both commit, or neither
            return null;
        });
    }

    /**
     * Reads the view, outside any transaction of the view's.
     *
     * @throws io.eventsourcing.persistence.PersistenceException if the database fails
     */
    protected final <T> T query(SqlWork<T> work) {
        return factory.datastore().read("query " + name, requireNonNull(work, "work"));
    }

    /** Raises the view's tracking mark without changing the view, e.g. for an event it ignores. */
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
