package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.jdbc.JdbcAggregateRecorder;
import io.eventsourcing.jdbc.JdbcApplicationRecorder;
import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcDcbRecorder;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcProcessRecorder;
import io.eventsourcing.jdbc.JdbcSettings;
import io.eventsourcing.jdbc.JdbcTrackingRecorder;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.TrackingRecorder;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnitTransactionType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * The JPA backend, {@code PERSISTENCE_MODULE=jpa}, on Hibernate ORM: recorders whose work joins the
 * thread's {@link jakarta.persistence.EntityManager} transaction, so the caller's entities and an
 * application's events commit together (DESIGN section 6):
 *
 * <pre>{@code
 * school.transaction(EntityManager.class, entityManager -> {
 *     entityManager.persist(new Owner("Ada"));
 *     school.register("Fido");          // saves in the same transaction
 *     return null;
 * });
 * }</pre>
 *
 * <p>The recorders are the JDBC recorders run on the entity manager's own JDBC connection: the tables,
 * the SQL and the notification ids (gap-free, in commit order, under the dialect's lock) are those of the
 * SQL backends, on every database with a {@link JdbcDialect} on the class path (H2 and MariaDB/MySQL
 * here, PostgreSQL and SQLite with their modules). Outside a transaction block each recorder call is the
 * JDBC recorder's call, committed by itself.
 *
 * <p><b>Settings.</b> With {@code JPA_ENTITY_MANAGER_TOPIC} unset, the factory owns everything: the
 * database comes from the JDBC settings ({@code JDBC_URL}, {@code JDBC_USER}, {@code JDBC_PASSWORD},
 * {@code JDBC_POOL_SIZE}, {@code JDBC_SCHEMA}, {@code JDBC_DATASOURCE_TOPIC}, {@code JDBC_POLL_INTERVAL};
 * see {@link JdbcSettings}), and a Hibernate {@code EntityManagerFactory} over the same connection pool,
 * mapping the classes listed in {@code JPA_ENTITY_CLASSES}, is built on the first
 * {@code transaction(...)}. Its entity managers flush before queries ({@code JPA_AUTOFLUSH=true}, the
 * default: flush mode AUTO) or only at commit ({@code false}: COMMIT); a block may change its own with
 * {@code setFlushMode}. The caller's tables are the caller's to create. With
 * {@code JPA_ENTITY_MANAGER_TOPIC} naming a {@link CurrentEntityManager}, the caller's own
 * {@code EntityManagerFactory} and current entity managers are used instead (managed mode), and the JDBC
 * settings other than {@code JDBC_SCHEMA} and {@code JDBC_POLL_INTERVAL} are not read.
 *
 * <p><b>Transactions.</b> {@code transaction(block)} (reached as
 * {@code app.transaction(EntityManager.class, block)}) begins a new entity manager's transaction, binds
 * it to the thread so that every save and get of the application on the thread joins it, commits when
 * the block returns and rolls back when it throws; the entity manager is closed afterwards. A nested
 * block joins the outer transaction; when it throws, JPA cannot undo it alone, so the whole transaction
 * is marked rollback-only and the outer block's commit is refused with a {@code PersistenceException}.
 * In managed mode with a current entity manager, the block and every recorder call run in the owner's
 * transaction, which the library never begins, commits, rolls back or closes; a write needs that
 * transaction to be active. The application's recordings are then announced before the owner commits,
 * and the aggregate cache ({@code AGGREGATE_CACHE_MAXSIZE}) should stay off, since it cannot learn of
 * the owner's rollbacks.
 *
 * <p>MariaDB/MySQL connections must run at READ COMMITTED (the factory's own pool does; in managed mode
 * that is the caller's pool's concern), or a writer may read a stale largest notification id and fail
 * with an {@code IntegrityException}.
 *
 * <p>Thread-safe. Closing it closes its recorders' subscriptions, its own {@code EntityManagerFactory}
 * and its pool, but neither a {@link CurrentEntityManager}'s factory nor its connections.
 */
public final class JpaFactory extends JdbcFactory {
    private final JpaSessions sessions;
    private final @Nullable Lazy owned;

    /**
     * The factory configured by the {@code JPA_*} and {@code JDBC_*} variables.
     *
     * @throws ConfigurationException if a setting is missing or invalid, naming it, or no dialect serves
     *     the database
     */
    public JpaFactory(Environment environment) {
        this(environment, JpaSettings.from(environment));
    }

    private JpaFactory(Environment environment, JpaSettings settings) {
        this(environment, settings, Setup.of(environment, settings));
    }

    private JpaFactory(Environment environment, JpaSettings settings, Setup setup) {
        super(environment, setup.datastore(), setup.schema(), setup.pollInterval());
        this.owned = setup.owned();
        this.sessions = new JpaSessions(setup.entityManagerFactory(), setup.datastore(), setup.owner(),
                settings.autoflush());
    }

    /**
     * This thread's transaction of the current entity manager of a
     * {@link CurrentEntityManager} (managed mode), which its owner ends: the application then announces
     * what it saves there only once the owner has committed.
     */
    @Override
    public @Nullable Object externalTransaction() {
        return sessions.ownersTransaction();
    }

    @Override
    public void afterExternalTransaction(Consumer<Boolean> completion) {
        sessions.afterOwnersTransaction(completion);
    }

    @Override
    public AggregateRecorder aggregateRecorder(String purpose) {
        return new JpaAggregateRecorder((JdbcAggregateRecorder) super.aggregateRecorder(purpose), sessions);
    }

    @Override
    public ApplicationRecorder applicationRecorder() {
        return new JpaApplicationRecorder((JdbcApplicationRecorder) super.applicationRecorder(), sessions);
    }

    @Override
    public TrackingRecorder trackingRecorder() {
        return new JpaTrackingRecorder((JdbcTrackingRecorder) super.trackingRecorder(), sessions);
    }

    @Override
    public ProcessRecorder processRecorder() {
        return new JpaProcessRecorder((JdbcProcessRecorder) super.processRecorder(), sessions);
    }

    /** The DCB store, joining the thread's {@code EntityManager} transaction as the other recorders do. */
    @Override
    public DcbRecorder dcbRecorder() {
        return new JpaDcbRecorder((JdbcDcbRecorder) super.dcbRecorder(), sessions);
    }

    /** Closes the recorders' subscriptions, the factory's own {@code EntityManagerFactory}, then its pool. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
        super.close();
    }

    /** What the constructor needs, made before the superclass is constructed. */
    private record Setup(JdbcDatastore datastore, @Nullable String schema, Duration pollInterval,
            Supplier<EntityManagerFactory> entityManagerFactory, @Nullable CurrentEntityManager owner,
            @Nullable Lazy owned) {

        static Setup of(Environment environment, JpaSettings settings) {
            String topic = settings.entityManagerTopic();
            if (topic != null) {
                return managed(environment, topic);
            }
            if (environment.get(JdbcSettings.JDBC_URL).isEmpty()
                    && environment.get(JdbcSettings.JDBC_DATASOURCE_TOPIC).isEmpty()) {
                throw new ConfigurationException(JdbcSettings.JDBC_URL + " is not set: PERSISTENCE_MODULE=jpa needs "
                        + "the database (JDBC_URL such as jdbc:h2:mem:test or jdbc:postgresql://host/db, or "
                        + JdbcSettings.JDBC_DATASOURCE_TOPIC + "), or " + JpaSettings.JPA_ENTITY_MANAGER_TOPIC
                        + " naming a " + CurrentEntityManager.class.getName() + " class");
            }
            List<Class<?>> classes = entityClasses(environment, settings.entityClasses());
            JdbcSettings jdbc = JdbcSettings.from(environment);
            JdbcDatastore datastore = JdbcFactory.datastore(environment, jdbc);
            Lazy lazy = new Lazy(() -> build(environment.name(), datastore.dataSource(), classes));
            return new Setup(datastore, jdbc.schema(), jdbc.pollInterval(), lazy, null, lazy);
        }

        private static Setup managed(Environment environment, String topic) {
            Duration poll = environment.getSeconds(JdbcSettings.JDBC_POLL_INTERVAL, Duration.ofMillis(100));
            if (poll.isZero()) {
                throw new ConfigurationException(environment.sourceOf(JdbcSettings.JDBC_POLL_INTERVAL)
                        + " must be above 0 seconds");
            }
            CurrentEntityManager owner = instantiate(environment, topic);
            EntityManagerFactory factory = requireNonNull(owner.entityManagerFactory(),
                    topic + " returned a null EntityManagerFactory");
            DataSource dataSource = dataSourceOf(environment, topic, factory);
            JdbcDatastore datastore = new JdbcDatastore(dataSource, JdbcFactory.dialectFor(urlOf(dataSource, topic)),
                    null);
            return new Setup(datastore, environment.get(JdbcSettings.JDBC_SCHEMA).orElse(null), poll, () -> factory,
                    owner, null);
        }
    }

    private static EntityManagerFactory build(String name, DataSource dataSource, List<Class<?>> classes) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("eventsourcing-"
                + name)
                .managedClasses(classes)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL);
        return configuration.createEntityManagerFactory();
    }

    private static List<Class<?>> entityClasses(Environment environment, List<String> names) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(load(environment.sourceOf(JpaSettings.JPA_ENTITY_CLASSES), name));
        }
        return classes;
    }

    private static CurrentEntityManager instantiate(Environment environment, String className) {
        String variable = environment.sourceOf(JpaSettings.JPA_ENTITY_MANAGER_TOPIC);
        Class<?> type = load(variable, className);
        if (!CurrentEntityManager.class.isAssignableFrom(type)) {
            throw new ConfigurationException(variable + " '" + className + "' does not implement "
                    + CurrentEntityManager.class.getName());
        }
        try {
            return (CurrentEntityManager) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException(variable + " '" + className
                    + "' needs a public no-argument constructor", e);
        }
    }

    private static Class<?> load(String variable, String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(className, true, loader != null ? loader : JpaFactory.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(variable + " '" + className + "' is not a class on the class path", e);
        }
    }

    /** The data source behind a Hibernate factory's connections, which the recorders also use. */
    private static DataSource dataSourceOf(Environment environment, String topic, EntityManagerFactory factory) {
        ConnectionProvider provider;
        try {
            provider = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                    .requireService(ConnectionProvider.class);
        } catch (RuntimeException e) {
            throw new ConfigurationException(environment.sourceOf(JpaSettings.JPA_ENTITY_MANAGER_TOPIC) + " '"
                    + topic + "' lends an EntityManagerFactory that is not Hibernate's: " + e.getMessage(), e);
        }
        if (!provider.isUnwrappableAs(DataSource.class)) {
            throw new ConfigurationException(environment.sourceOf(JpaSettings.JPA_ENTITY_MANAGER_TOPIC) + " '" + topic
                    + "' lends an EntityManagerFactory whose connections do not come from a DataSource ("
                    + provider.getClass().getName() + "); configure it with one (jakarta.persistence.nonJtaDataSource "
                    + "or hibernate.connection.datasource) or with Hibernate's HikariCP integration");
        }
        return provider.unwrap(DataSource.class);
    }

    private static String urlOf(DataSource dataSource, String topic) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect through the EntityManagerFactory of " + topic
                    + " to find its database: " + e.getMessage(), e);
        }
    }

    /** The factory's own EntityManagerFactory, built on first use and closed with the factory. */
    private static final class Lazy implements Supplier<EntityManagerFactory> {
        private final Supplier<EntityManagerFactory> build;
        private @Nullable EntityManagerFactory built;
        private boolean closed;

        Lazy(Supplier<EntityManagerFactory> build) {
            this.build = build;
        }

        @Override
        public synchronized EntityManagerFactory get() {
            if (closed) {
                throw new IllegalStateException("the JpaFactory is closed");
            }
            if (built == null) {
                built = build.get();
            }
            return built;
        }

        synchronized void close() {
            closed = true;
            if (built != null) {
                built.close();
            }
        }
    }
}
