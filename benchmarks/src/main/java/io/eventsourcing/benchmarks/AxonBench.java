package io.eventsourcing.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.jdbc.AbstractEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/*
 * How Axon is set up, and why: the configuration an experienced Axon 4 user chooses for an event-sourced
 * aggregate on a relational database without Axon Server, tuned for speed where Axon's documentation
 * offers a knob, and left at Axon's defaults where it does not.
 *
 * - Axon's Configuration API (DefaultConfigurer) with the aggregate registered by configureAggregate:
 *   an EventSourcingRepository (per-aggregate pessimistic lock, no cache, no snapshot trigger) and an
 *   AggregateAnnotationCommandHandler on the default SimpleCommandBus, reached through the CommandGateway.
 *   That is how Axon users send commands; the bus runs the handler in the caller's thread, in one
 *   UnitOfWork per command. The default correlation data provider stays on, so every event carries a
 *   correlation and trace id in its metadata, as in any Axon application.
 * - An EmbeddedEventStore over a JdbcEventStorageEngine with Axon's default schema, created by Axon's own
 *   table factory (PostgreSQL) in a schema of its own, so it shares nothing with the library's tables.
 * - JacksonSerializer (Jackson 2) for events, snapshots and messages: the serializer Axon recommends over
 *   its XStream default, and the faster one.
 * - Connections from a HikariCP pool of the library's size and settings, through Axon's
 *   UnitOfWorkAwareConnectionProviderWrapper, as Axon's reference guide recommends: one connection per
 *   unit of work. Auto-commit stays on with NoTransactionManager (the Configuration API's default), so
 *   a command is: select the snapshot (there is none), select the events, insert the new event in its
 *   own implicit transaction. No BEGIN and COMMIT round trips, which is the fastest JDBC shape Axon offers;
 *   the unique (aggregateIdentifier, sequenceNumber) key still rejects concurrent writes of a version.
 * - Aggregate events are read in batches of batchSize (Axon's default, 100). The JDBC engine by default
 *   reads one more batch until it finds an empty one; its javadoc recommends a better
 *   finalAggregateBatchPredicate, and since the engine selects sequence-number ranges and an aggregate's
 *   sequence numbers have no gaps, a batch shorter than batchSize is the last. That saves Axon one query
 *   per command.
 * - No snapshots are taken (none on the library's side either), but Axon still looks for one on every
 *   load: that query is part of Axon's read path and is measured.
 *
 * On SQLite Axon ships no table factory; SqliteEventTableFactory is the few lines a user writes (an
 * INTEGER primary key is SQLite's auto-increment), with the library's pool settings (WAL, busy timeout).
 */

/**
 * Axon Framework 4.13 on the same database as the library, set up as described above: the further
 * baseline SideBySide measures with the {@code axon} argument.
 *
 * <p>Thread-safe, as Axon's command gateway and repository are.
 */
final class AxonBench implements AutoCloseable {
    /** The PostgreSQL schema Axon's tables live in, dropped and created by {@link #open}. */
    static final String SCHEMA = "axon";
    /** Axon's default batch size for reading events. */
    private static final int BATCH_SIZE = 100;

    private final Backend backend;
    private final HikariDataSource pool;
    private final Configuration configuration;
    private final CommandGateway gateway;
    private final Repository<AxonAccount> repository;

    private AxonBench(Backend backend, HikariDataSource pool, Configuration configuration) {
        this.backend = backend;
        this.pool = pool;
        this.configuration = configuration;
        this.gateway = configuration.commandGateway();
        this.repository = configuration.repository(AxonAccount.class);
    }

    /**
     * Sets Axon up on empty tables: on PostgreSQL in the schema {@value #SCHEMA} of the benchmark's
     * database (dropped and created here), on SQLite in a file of its own in {@code directory}.
     *
     * @param poolSize the connections kept open, as the library's pool keeps
     * @param maxPoolSize the most connections, as the library's pool allows
     * @throws SQLException if the schema cannot be created
     * @throws IllegalArgumentException for the in-memory backend, which Axon is not measured on
     */
    static AxonBench open(Backend backend, Path directory, int poolSize, int maxPoolSize) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("axon-" + backend.label());
        config.setMinimumIdle(poolSize);
        config.setMaximumPoolSize(maxPoolSize);
        EventTableFactory tables;
        switch (backend) {
            case POSTGRES -> {
                try (Connection connection = Backend.postgresConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                    statement.execute("CREATE SCHEMA " + SCHEMA);
                }
                config.setJdbcUrl(Backend.postgresUrl() + "?currentSchema=" + SCHEMA);
                config.setUsername(Backend.postgresUser());
                String password = Backend.postgresPassword();
                if (password != null) {
                    config.setPassword(password);
                }
                // The library's PostgreSQL pool settings (PostgresFactory).
                config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
                config.addDataSourceProperty("ApplicationName", "axon-bench");
                tables = PostgresEventTableFactory.INSTANCE;
            }
            case SQLITE -> {
                config.setJdbcUrl("jdbc:sqlite:" + directory.resolve("axon.db"));
                // The library's SQLite pool settings (SqliteDialect): WAL, writers wait 5 s for each other.
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("busy_timeout", "5000");
                tables = new SqliteEventTableFactory();
            }
            default -> throw new IllegalArgumentException("Axon is measured on sqlite and postgres, not on "
                    + backend.label());
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Serializer serializer = JacksonSerializer.defaultSerializer();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new DataSourceConnectionProvider(pool)))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .batchSize(BATCH_SIZE)
                    .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE)
                    .build();
            engine.createSchema(tables);
            Configuration configuration = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> serializer)
                    .configureEventSerializer(c -> serializer)
                    .configureMessageSerializer(c -> serializer)
                    .configureEmbeddedEventStore(c -> engine)
                    .configureAggregate(AxonAccount.class)
                    .buildConfiguration();
            configuration.start();
            return new AxonBench(backend, pool, configuration);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Opens a new account: one command, one event, one insert. */
    long openAccount(UUID id) {
        gateway.sendAndWait(new AxonAccount.Open(id.toString(), owner(id), 0));
        return 1;
    }

    /** Opens an account with {@code events} events (the opening and credits), stored in one unit of work. */
    long openAccountWithEvents(UUID id, int events) {
        gateway.sendAndWait(new AxonAccount.Open(id.toString(), owner(id), events - 1));
        return events;
    }

    /** The command: load the account, credit it, store the one new event. */
    long credit(UUID id, long amountCents) {
        gateway.sendAndWait(new AxonAccount.Credit(id.toString(), amountCents));
        return 1;
    }

    /**
     * The query: loads the account through Axon's repository, in a unit of work as Axon requires.
     *
     * @return the account's number of credits
     */
    long credits(UUID id) throws Exception {
        ResultMessage<Long> result = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(id.toString()).invoke(AxonAccount::credits));
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
        Long credits = result.getPayload();
        if (credits == null) {
            throw new IllegalStateException("Axon loaded no account " + id);
        }
        return credits;
    }

    /**
     * Runs each of Axon's measured operations for {@code nanos} (new accounts, commands on 100 accounts,
     * loads of 1,000 events), so Axon's code is compiled by the JIT before its first figure, as the
     * library's is by the figures before.
     */
    void warmUp(long nanos) throws Exception {
        UUID[] accounts = new UUID[100];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = UUID.randomUUID();
            openAccount(accounts[i]);
        }
        UUID history = UUID.randomUUID();
        openAccountWithEvents(history, 1_000);
        credit(accounts[0], 1);
        if (credits(history) != 999 || credits(accounts[0]) != 1) {
            throw new IllegalStateException("Axon did not load what it stored: " + credits(history) + " credits of 999, "
                    + credits(accounts[0]) + " of 1");
        }
        AtomicInteger next = new AtomicInteger();
        Measure.run(1, nanos, () -> openAccount(UUID.randomUUID()));
        Measure.run(1, nanos, () -> credit(accounts[Math.floorMod(next.getAndIncrement(), accounts.length)], 1));
        Measure.run(1, nanos, () -> credits(history));
    }

    /** A one-line description, e.g. the events table and its row count so far. */
    String describe() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            rows.next();
            return "Axon Framework 4.13, JdbcEventStorageEngine, JacksonSerializer, "
                    + (backend == Backend.POSTGRES ? "schema " + SCHEMA : "file axon.db") + " (" + rows.getLong(1)
                    + " events)";
        }
    }

    private static String owner(UUID id) {
        return "owner-" + id.toString().substring(0, 8);
    }

    @Override
    public void close() {
        try {
            configuration.shutdown();
        } finally {
            pool.close();
        }
    }

    /**
     * Axon's default event tables on SQLite, which Axon has no table factory for: an {@code INTEGER}
     * primary key is SQLite's auto-increment, payloads are {@code BLOB}s.
     */
    private static final class SqliteEventTableFactory extends AbstractEventTableFactory {
        @Override
        protected String idColumnType() {
            return "INTEGER";
        }

        @Override
        protected String payloadType() {
            return "BLOB";
        }
    }
}
