package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
        super(environment);
        this.datastore = requireNonNull(datastore, "datastore");
        try {
            this.tables = Tables.of(environment.name(), schema, datastore.dialect().maxIdentifierLength());
            this.pollInterval = requireNonNull(pollInterval, "pollInterval");
            this.createTable = environment.getBoolean(CREATE_TABLE, true);
        } catch (RuntimeException e) {
            datastore.close();
            throw e;
        }
    }

    /** The database. */
    public JdbcDatastore datastore() {
        return datastore;
    }

    /** The application's tables. */
    public Tables tables() {
        return tables;
    }

    @Override
    public AggregateRecorder aggregateRecorder(String purpose) {
        JdbcAggregateRecorder recorder = new JdbcAggregateRecorder(datastore, tables.forPurpose(purpose));
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        return recorder;
    }

    @Override
    public ApplicationRecorder applicationRecorder() {
        JdbcApplicationRecorder recorder = new JdbcApplicationRecorder(datastore, tables, pollInterval);
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
        JdbcProcessRecorder recorder = new JdbcProcessRecorder(datastore, tables, pollInterval);
        if (createTable) {
            createSchema();
            recorder.createTable();
        }
        recorders.add(recorder);
        return recorder;
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

    /** Closes the recorders' subscriptions, then the pool. */
    @Override
    public void close() {
        for (AutoCloseable recorder : recorders) {
            try {
                recorder.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", recorder, e);
            }
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
     * A HikariCP pool for a dialect, with the dialect's isolation level; it is {@link AutoCloseable}, so
     * pass it as the datastore's owned resource.
     */
    public static DataSource pool(JdbcDialect dialect, String url, @Nullable String user,
            @Nullable String password, int maxSize, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(Math.min(1, maxSize));
        config.setPoolName(poolName);
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
     * dialect. For factories that build on the JDBC settings (the JPA module's).
     *
     * @throws ConfigurationException if no dialect serves the URL or the supplier class is unusable
     */
    protected static JdbcDatastore datastore(Environment environment, JdbcSettings settings) {
        if (settings.dataSourceTopic() != null) {
            DataSource dataSource = supplied(environment, settings.dataSourceTopic());
            String url = settings.url() != null ? settings.url() : urlOf(dataSource, settings.dataSourceTopic());
            return new JdbcDatastore(dataSource, dialectFor(url), dataSource instanceof AutoCloseable c ? c : null);
        }
        String url = requireNonNull(settings.url());
        return dialectFor(url).datastore(url, settings.user(), settings.password(), settings.poolSize(),
                environment.name());
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

    private static String urlOf(DataSource dataSource, String className) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect through the DataSource from " + className
                    + " to find its database: " + e.getMessage(), e);
        }
    }
}
