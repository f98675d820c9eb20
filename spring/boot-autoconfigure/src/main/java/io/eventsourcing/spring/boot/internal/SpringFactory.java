package io.eventsourcing.spring.boot.internal;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.jdbc.DcbTables;
import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcSettings;
import io.eventsourcing.jdbc.Tables;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PERSISTENCE_MODULE=spring}: the JDBC backend on the Spring context's {@code DataSource},
 * joining Spring-managed transactions. With {@code CREATE_TABLE=false} (the default under Spring) the
 * tables come from the Flyway migration ({@code FLYWAY_ENABLED}, default true when Flyway is on the
 * class path); either way the events table must exist once the factory is made, or it fails naming it.
 */
public final class SpringFactory extends JdbcFactory {
    /** Whether to run the shipped Flyway migration for the application's tables (default true). */
    public static final String FLYWAY_ENABLED = "FLYWAY_ENABLED";

    private static final Logger LOG = LoggerFactory.getLogger(SpringFactory.class);

    private final SpringContexts.Database database;
    private final boolean migrate;

    /**
     * @throws ConfigurationException if not made in a Spring context, or the tables are missing
     */
    public SpringFactory(Environment environment) {
        this(environment, database(environment));
    }

    private SpringFactory(Environment environment, SpringContexts.Database database) {
        super(environment, new JdbcDatastore(database.dataSource(), database.dialect(), null, null, null,
                        Duration.ofSeconds(30), 3, new SpringTransactions()),
                environment.get(JdbcSettings.JDBC_SCHEMA).orElse(null),
                environment.getSeconds(JdbcSettings.JDBC_POLL_INTERVAL, Duration.ofMillis(100)));
        this.database = database;
        this.migrate = !createTable() && environment.getBoolean(FLYWAY_ENABLED, true) && flywayAvailable();
        if (!createTable()) {
            if (migrate) {
                EventTablesMigration.migrate(database, tables());
            }
            requireEventsTable(environment, database);
        }
    }

    /**
     * With the tables from the migration, the events table is an application's (with notification
     * ids), so the recorder of its events is the application recorder, which numbers them.
     */
    @Override
    public AggregateRecorder aggregateRecorder(String purpose) {
        if (!createTable() && "events".equals(purpose)) {
            return applicationRecorder();
        }
        return super.aggregateRecorder(purpose);
    }

    /**
     * The DCB store; with {@code CREATE_TABLE=false} its tables come from their own Flyway migration,
     * run now, on first use.
     *
     * @throws ConfigurationException if its table is missing (the migration is off)
     */
    @Override
    public DcbRecorder dcbRecorder() {
        if (!createTable()) {
            DcbTables tables = dcbTables();
            if (migrate) {
                EventTablesMigration.migrateDcb(database, tables);
            }
            if (!exists(tables.events())) {
                throw new ConfigurationException("the table " + tables.events() + " does not exist in "
                        + database.url() + ": " + environment().sourceOf(CREATE_TABLE) + " is false and the "
                        + "Flyway migration did not run; set eventsourcing.create-table=true, turn the migration "
                        + "on, or create the DCB tables (JdbcFactory.createDcbTableStatements)");
            }
        }
        return super.dcbRecorder();
    }

    private static SpringContexts.Database database(Environment environment) {
        String id = environment.get(SpringContexts.CONTEXT_VARIABLE).orElse(null);
        SpringContexts.Database database = id == null ? null : SpringContexts.get(id);
        if (database == null) {
            throw new ConfigurationException("PERSISTENCE_MODULE=spring needs a running Spring context: construct the "
                    + "application with the EventSourcingApplications bean (applications.create(DogSchool::new)) "
                    + (id == null ? "" : "(its context " + id + " has closed)"));
        }
        return database;
    }

    private void requireEventsTable(Environment environment, SpringContexts.Database database) {
        String table = tables().events();
        if (!exists(table)) {
            String flyway = !flywayAvailable()
                    ? "Flyway is not on the class path (add org.flywaydb:flyway-core, or the starter)"
                    : "Flyway migrations are off (" + environment.sourceOf(FLYWAY_ENABLED) + "=false)";
            throw new ConfigurationException("the table " + table + " does not exist in " + database.url() + ": "
                    + environment.sourceOf(CREATE_TABLE) + " is false and " + flyway
                    + "; set eventsourcing.create-table=true, turn the migration on, or create the tables");
        }
        LOG.debug("{} found in {}", table, database.url());
    }

    private boolean exists(String table) {
        try (Connection connection = datastore().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether Flyway is on the class path; {@link EventTablesMigration} is loaded only if it is. */
    private static boolean flywayAvailable() {
        try {
            Class.forName("org.flywaydb.core.Flyway", false, SpringFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SpringFactory[" + tables().prefix() + "]";
    }
}
