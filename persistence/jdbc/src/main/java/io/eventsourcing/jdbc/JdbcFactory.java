package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.TrackingRecorder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic SQL backend, {@code PERSISTENCE_MODULE=jdbc}: any database with a {@link JdbcDialect} on
 * the class path (MariaDB/MySQL and H2 here; PostgreSQL and SQLite with their modules), chosen from
 * {@code JDBC_URL}. Connections come from a HikariCP pool, or from the class named by
 * {@code JDBC_DATASOURCE_TOPIC}. Tables are named from the application and created on first use
 * unless {@code CREATE_TABLE=false}. The SQLite and PostgreSQL factories extend this one.
 *
 * <p>Thread-safe. Closing it closes its recorders and its pool.
 */
public class JdbcFactory extends InfrastructureFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcFactory.class);

    private final JdbcDatastore datastore;
    private final @Nullable JdbcReplicas replicas;
    private final Tables tables;
    private final Duration pollInterval;
    private final boolean createTable;
    private final List<AutoCloseable> recorders = new CopyOnWriteArrayList<>();
    private volatile boolean schemaCreated;

    /**
     * The factory configured by {@code JDBC_*} variables.
     *
     * @throws ConfigurationException if a setting is missing or invalid, or no dialect serves the URL
     */
    public JdbcFactory(Environment environment) {
        this(environment, JdbcSettings.from(environment));
    }

    private JdbcFactory(Environment environment, JdbcSettings settings) {
        this(environment, datastore(environment, settings), settings.schema(), settings.pollInterval());
    }

    /**
     * A factory on a datastore made by a subclass (the SQLite and PostgreSQL factories).
     *
     * @param environment the application's settings
     * @param datastore the database, closed with this factory
     * @param schema the schema qualifying the tables, or null
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    protected JdbcFactory(Environment environment, JdbcDatastore datastore, @Nullable String schema,
            Duration pollInterval) {
        this(environment, datastore, null, schema, pollInterval);
    }

    /**
     * A factory on a datastore and its read replicas, made by a subclass (the PostgreSQL factory).
     *
     * @param environment the application's settings
     * @param datastore the database (the primary), closed with this factory
     * @param replicas where the recorders read the notification log (see {@link JdbcReplicas}), closed
     *     with this factory; or null to read everything from {@code datastore}
     * @param schema the schema qualifying the tables, or null
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    protected JdbcFactory(Environment environment, JdbcDatastore datastore, @Nullable JdbcReplicas replicas,
            @Nullable String schema, Duration pollInterval) {
        super(environment);
        this.datastore = requireNonNull(datastore, "datastore");
        this.replicas = replicas;
        try {
            this.tables = Tables.of(environment.name(), schema, datastore.dialect());
            this.pollInterval = requireNonNull(pollInterval, "pollInterval");
            this.createTable = environment.getBoolean(CREATE_TABLE, true);
        } catch (RuntimeException e) {
            if (replicas != null) {
                replicas.close();
            }
            datastore.close();
            throw e;
        }
    }

    /** The database. */
    public JdbcDatastore datastore() {
        return datastore;
    }

    /** The read replicas, if the recorders read from any. */
    public Optional<JdbcReplicas> replicas() {
        return Optional.ofNullable(replicas);
    }

    /** The application's tables. */
    public Tables tables() {
        return tables;
    }

    @Override
    public AggregateRecorder aggregateRecorder(String purpose) {
        JdbcAggregateRecorder recorder = new JdbcAggregateRecorder(datastore, replicas, tables.forPurpose(purpose));
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        return recorder;
    }

    @Override
    public ApplicationRecorder applicationRecorder() {
        JdbcApplicationRecorder recorder = new JdbcApplicationRecorder(datastore, replicas, tables, pollInterval);
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        recorders.add(recorder);
        return recorder;
    }

    @Override
    public TrackingRecorder trackingRecorder() {
        JdbcTrackingRecorder recorder = new JdbcTrackingRecorder(datastore, tables);
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        return recorder;
    }

    @Override
    public ProcessRecorder processRecorder() {
        JdbcProcessRecorder recorder = new JdbcProcessRecorder(datastore, replicas, tables, pollInterval);
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        recorders.add(recorder);
        return recorder;
    }

    /**
     * The application's DCB store, {@code <app>_dcb_events}, with the dialect's DCB statements.
     *
     * @throws io.eventsourcing.persistence.NotSupportedException if the dialect has no DCB store
     */
    @Override
    public DcbRecorder dcbRecorder() {
        JdbcDcbRecorder recorder = new JdbcDcbRecorder(datastore, dcbTables(), datastore.dialect().dcbDialect(),
                pollInterval);
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        recorders.add(recorder);
        return recorder;
    }

    /** The application's DCB tables. */
    public DcbTables dcbTables() {
        return DcbTables.of(tables, datastore.dialect().maxIdentifierLength());
    }

    /** This thread's external transaction that the datastore joins, or null. */
    @Override
    public @Nullable Object externalTransaction() {
        return datastore.externalTransaction();
    }

    @Override
    public void afterExternalTransaction(Consumer<Boolean> completion) {
        datastore.afterExternalTransaction(completion);
    }

    /** Closes the recorders' subscriptions, then the replicas' connections and the pool. */
    @Override
    public void close() {
        for (AutoCloseable recorder : recorders) {
            try {
                recorder.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", recorder, e);
            }
        }
        if (replicas != null) {
            replicas.close();
        }
        datastore.close();
    }

    private void createSchema() {
        String schema = tables.schema();
        if (schema != null && !schemaCreated) {
            datastore.write("create schema " + schema, connection -> {
                Ddl.execute(connection, datastore.dialect().createSchema(schema));
                return null;
            });
            schemaCreated = true;
        }
    }

    /**
     * The statements that create an application's tables, as {@code CREATE_TABLE=true} runs them: the
     * schema (if the tables have one), events (with the dialect's lock table, if any), snapshots and
     * tracking. Each statement leaves an existing table alone. For migration tools (the Spring Boot
     * module's Flyway migration).
     */
    public static List<String> createTableStatements(JdbcDialect dialect, Tables tables) {
        List<String> statements = new ArrayList<>();
        if (tables.schema() != null) {
            statements.addAll(dialect.createSchema(tables.schema()));
        }
        statements.addAll(dialect.createEventsTable(tables));
        statements.addAll(dialect.createAggregateTable(tables.snapshots()));
        statements.addAll(dialect.createTrackingTable(tables));
        return statements;
    }

    /**
     * The statements that create an application's DCB tables, as {@code CREATE_TABLE=true} runs them
     * when the application uses its DCB store: the schema (if the tables have one), then the dialect's
     * DCB tables. Each statement leaves an existing table alone. For migration tools.
     */
    public static List<String> createDcbTableStatements(JdbcDialect dialect, DcbTables tables) {
        List<String> statements = new ArrayList<>();
        if (tables.schema() != null) {
            statements.addAll(dialect.createSchema(tables.schema()));
        }
        statements.addAll(dialect.dcbDialect().createTables(tables));
        return statements;
    }

    /**
     * The dialect serving a JDBC URL, from those found with {@link ServiceLoader}.
     *
     * @throws ConfigurationException if none does, listing those found
     */
    public static JdbcDialect dialectFor(String url) {
        List<String> names = new ArrayList<>();
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                JdbcFactory.class.getClassLoader()}) {
            for (JdbcDialect dialect : ServiceLoader.load(JdbcDialect.class, loader)) {
                if (dialect.accepts(url)) {
                    return dialect;
                }
                names.add(dialect.name());
            }
        }
        throw new ConfigurationException("no SQL dialect serves '" + url + "': dialects found: "
                + String.join(", ", names.stream().distinct().toList())
                + " (add eventsourcing-postgres or eventsourcing-sqlite for those databases)");
    }

    /**
     * A HikariCP pool for a dialect, with the dialect's isolation level and the default connect timeout;
     * see {@link #pool(JdbcDialect, PoolSettings)}.
     */
    public static DataSource pool(JdbcDialect dialect, String url, @Nullable String user,
            @Nullable String password, int maxSize, String poolName) {
        return pool(dialect, PoolSettings.of(url, user, password, maxSize, PoolSettings.DEFAULT_CONNECT_TIMEOUT,
                poolName));
    }

    /**
     * A HikariCP pool for a dialect, with the dialect's isolation level and its connection properties
     * for the connect timeout. The first connection is opened here: a wrong host, port, database, user
     * or password fails now, within the connect timeout, with the driver's reason and the database
     * named; only a failure that may pass by itself (the server restarting, starting up, or out of
     * connection slots) is tried again until the timeout is spent. The pool is {@link AutoCloseable},
     * so pass it as the datastore's owned resource.
     *
     * @throws io.eventsourcing.persistence.PersistenceException if no connection can be made
     * @throws ConfigurationException if no driver on the class path accepts the URL
     */
    public static DataSource pool(JdbcDialect dialect, PoolSettings settings) {
        Properties properties = new Properties();
        properties.putAll(dialect.connectionProperties(settings.connectTimeout()));
        properties.putAll(settings.properties());
        DataSource driver;
        try {
            driver = new DriverDataSource(settings.url(), null, properties, settings.user(), settings.password());
        } catch (RuntimeException e) {
            throw new ConfigurationException("no JDBC driver on the class path accepts " + settings.target()
                    + ": add the database's driver (e.g. org.postgresql:postgresql, org.mariadb.jdbc:mariadb-java-client)",
                    e);
        }
        FirstConnection.open(driver, settings.connectTimeout(), settings.target(), dialect);
        HikariConfig config = new HikariConfig();
        config.setDataSource(driver);
        config.setPoolName(settings.name());
        config.setMaximumPoolSize(settings.maximumSize());
        config.setMinimumIdle(settings.minimumIdle());
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setKeepaliveTime(settings.keepaliveTime().toMillis());
        // The first connection was opened above; the pool fills itself in the background.
        config.setInitializationFailTimeout(-1);
        String isolation = dialect.transactionIsolation();
        if (isolation != null) {
            config.setTransactionIsolation(isolation);
        }
        return new HikariDataSource(config);
    }

    /**
     * The datastore that {@code PERSISTENCE_MODULE=jdbc} makes from its settings: on the data source of
     * {@code JDBC_DATASOURCE_TOPIC} if set, else on a pool for {@code JDBC_URL} made by the URL's
     * dialect. For factories that build on the JDBC settings (the JPA module's). Either way a first
     * connection is made here, so a database that cannot be reached fails at construction.
     *
     * @throws ConfigurationException if no dialect serves the URL, the supplier class is unusable or
     *     its connections do not run at the dialect's isolation level
     * @throws io.eventsourcing.persistence.PersistenceException if no connection can be made
     */
    protected static JdbcDatastore datastore(Environment environment, JdbcSettings settings) {
        if (settings.dataSourceTopic() != null) {
            DataSource dataSource = supplied(environment, settings.dataSourceTopic());
            try {
                String variable = environment.sourceOf(JdbcSettings.JDBC_DATASOURCE_TOPIC);
                Probe probe = probe(dataSource, variable + " '" + settings.dataSourceTopic() + "'");
                JdbcDialect dialect = dialectFor(settings.url() != null ? settings.url() : probe.url());
                Tables.checkSchema(environment.sourceOf(JdbcSettings.JDBC_SCHEMA), settings.schema(), dialect);
                requireIsolation(dialect, probe.isolation(), variable + " '" + settings.dataSourceTopic() + "'");
                return new JdbcDatastore(dataSource, dialect, dataSource instanceof AutoCloseable c ? c : null);
            } catch (RuntimeException e) {
                closeQuietly(dataSource);
                throw e;
            }
        }
        String url = requireNonNull(settings.url());
        JdbcDialect dialect = dialectFor(url);
        Tables.checkSchema(environment.sourceOf(JdbcSettings.JDBC_SCHEMA), settings.schema(), dialect);
        return dialect.datastore(PoolSettings.of(url, settings.user(), settings.password(),
                settings.poolSize(), settings.connectTimeout(), "eventsourcing-" + environment.name()));
    }

    /**
     * Refuses connections whose isolation level is not the dialect's: it is what keeps notification
     * ids gap-free and in commit order (on MariaDB/MySQL, whose default REPEATABLE READ would read a
     * stale newest id in a transaction that read before it saved). The library's own pools set it; a
     * data source supplied from elsewhere must have it.
     *
     * @param source what supplied the connections, for the message
     * @throws ConfigurationException if the level differs, saying which is needed
     */
    public static void requireIsolation(JdbcDialect dialect, int actual, String source) {
        String needed = dialect.transactionIsolation();
        if (needed == null) {
            return;
        }
        int level;
        try {
            level = Connection.class.getField(needed).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the " + dialect.name() + " dialect names an unknown isolation level "
                    + needed, e);
        }
        if (actual != level) {
            throw new ConfigurationException(source + " supplies connections at isolation level "
                    + isolationName(actual) + " (" + actual + "), and event-sourced applications on " + dialect.name()
                    + " need " + needed + " (" + level + "): set it on the data source (HikariConfig"
                    + ".setTransactionIsolation(\"" + needed + "\"), or the driver's own setting, e.g. the MariaDB "
                    + "driver's URL option sessionVariables=tx_isolation='READ-COMMITTED')");
        }
    }

    private static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_NONE -> "NONE";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> "unknown";
        };
    }

    private static DataSource supplied(Environment environment, String className) {
        String variable = environment.sourceOf(JdbcSettings.JDBC_DATASOURCE_TOPIC);
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, true, loader != null ? loader : JdbcFactory.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(variable + " '" + className + "' is not a class on the class path", e);
        }
        if (!JdbcDataSourceSupplier.class.isAssignableFrom(type)) {
            throw new ConfigurationException(variable + " '" + className + "' does not implement "
                    + JdbcDataSourceSupplier.class.getName());
        }
        try {
            JdbcDataSourceSupplier supplier = (JdbcDataSourceSupplier) type.getConstructor().newInstance();
            DataSource dataSource = supplier.dataSource(environment);
            if (dataSource == null) {
                throw new ConfigurationException(variable + " '" + className + "' supplied no DataSource (null)");
            }
            return dataSource;
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException(variable + " '" + className
                    + "' needs a public no-argument constructor", e);
        }
    }

    /** What a connection of a supplied data source says of its database. */
    private record Probe(String url, int isolation) {}

    private static Probe probe(DataSource dataSource, String source) {
        try (Connection connection = dataSource.getConnection()) {
            return new Probe(connection.getMetaData().getURL(), connection.getTransactionIsolation());
        } catch (SQLException e) {
            throw SqlStates.cannotConnect(e, "the database of the DataSource from " + source);
        }
    }

    private static void closeQuietly(DataSource dataSource) {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the supplied data source failed", e);
            }
        }
    }
}
