package io.eventsourcing.spring.boot;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code eventsourcing.*} properties, as IDEs complete them (from the metadata generated from this
 * record) and as the context checks their types when it starts.
 *
 * <p>Each property below {@code web} and {@code observations} configures the Spring integration; every
 * other one is one of the library's variables: its name after the prefix, upper-cased, with dots and
 * dashes as underscores ({@code eventsourcing.postgres.pool-size} is {@code POSTGRES_POOL_SIZE}). The
 * variables are passed on as written, including ones this record does not list (a setting of another
 * module) and application-specific ones: {@code eventsourcing.dogschool.aggregate-cache.maxsize} is
 * {@code DOGSCHOOL_AGGREGATE_CACHE_MAXSIZE}, which only the application named {@code DogSchool} reads.
 * The library checks every value when an application is made, naming the variable.
 *
 * <p>The descriptions of the components are the metadata's, shown by IDEs as plain text.
 *
 * @param persistenceModule Where the applications store their events: 'spring' (the default: the
 *     context's DataSource, in its transactions), or one of the library's own backends, 'memory',
 *     'sqlite', 'postgres', 'jdbc' or 'jpa', configured by their own properties.
 * @param datasource Name of the DataSource bean to store events in, when the context has several and
 *     none is primary.
 * @param createTable Whether the backend creates the tables on first use, instead of the library's
 *     Flyway migration.
 * @param isSnapshottingEnabled Whether to keep snapshots; when set, it decides over the application's
 *     own choice.
 * @param flyway The library's Flyway migration of the event tables.
 * @param aggregateCache The repository's cache of aggregates.
 * @param compressor The compression of stored events.
 * @param cipher The encryption of stored events.
 * @param sqlite The 'sqlite' backend.
 * @param postgres The 'postgres' backend.
 * @param jdbc The 'jdbc' backend, and the schema and polling of the 'spring' backend.
 * @param jpa The 'jpa' backend.
 * @param web The HTTP side: problem details and the notification log endpoint.
 * @param observations Micrometer observations of the applications.
 */
@ConfigurationProperties(EventSourcingAutoConfiguration.PREFIX)
public record EventSourcingProperties(
        @DefaultValue("spring") String persistenceModule,
        @Nullable String datasource,
        @DefaultValue("false") boolean createTable,
        @Nullable Boolean isSnapshottingEnabled,
        @DefaultValue Flyway flyway,
        @DefaultValue AggregateCache aggregateCache,
        @DefaultValue Compressor compressor,
        @DefaultValue Cipher cipher,
        @DefaultValue Sqlite sqlite,
        @DefaultValue Postgres postgres,
        @DefaultValue Jdbc jdbc,
        @DefaultValue Jpa jpa,
        @DefaultValue Web web,
        @DefaultValue Observations observations) {

    /**
     * The library's Flyway migration of each application's tables.
     *
     * @param enabled Whether to run the library's Flyway migration of an application's tables when the
     *     application is made (history in a table of its own, e.g. dogschool_schema_history).
     */
    public record Flyway(@DefaultValue("true") boolean enabled) {}

    /**
     * The repository's cache of aggregates.
     *
     * @param maxsize Size of the repository's cache of aggregates: unset, no cache; 0 or less, unbounded;
     *     n, the n most recently used aggregates.
     * @param fastforward Whether a cached aggregate is brought up to date with newer events on every get
     *     (default true); false trusts the cache, right only when the application is the only writer.
     */
    public record AggregateCache(@Nullable Integer maxsize, @Nullable Boolean fastforward) {}

    /**
     * The compression of stored events.
     *
     * @param topic Compression of stored events: 'zlib', 'gzip', or the class name of a Compressor;
     *     unset, none.
     */
    public record Compressor(@Nullable String topic) {}

    /**
     * The encryption of stored events.
     *
     * @param topic Encryption of stored events: 'aes', or the class name of a Cipher; unset, AES when a
     *     key is set.
     * @param key AES key of stored events: base64 of 16, 24 or 32 bytes (AesCipher.createKey(32) makes one).
     */
    public record Cipher(@Nullable String topic, @Nullable String key) {}

    /**
     * The {@code sqlite} backend.
     *
     * @param dbname SQLite database of the 'sqlite' backend: a file path, ':memory:', or a 'file:' URI.
     * @param lockTimeout Seconds a writer waits for another before failing.
     * @param pollInterval Seconds between a subscription's polls for other processes' events.
     */
    public record Sqlite(@Nullable String dbname, @Nullable Double lockTimeout, @Nullable Double pollInterval) {}

    /**
     * The {@code postgres} backend.
     *
     * @param dbname PostgreSQL database of the 'postgres' backend.
     * @param host Host of the PostgreSQL server.
     * @param port Port of the PostgreSQL server (5432 unless set).
     * @param user PostgreSQL user.
     * @param password PostgreSQL password; unset for trust or peer authentication.
     * @param schema Schema of the tables; unset, the user's default.
     * @param poolSize Connections kept open.
     * @param maxOverflow Connections opened beyond the pool size under load.
     * @param connectTimeout Seconds to wait for a connection.
     * @param lockTimeout Seconds a writer waits for the insert lock; 0 waits as long as it takes.
     * @param idleInTransactionSessionTimeout Seconds after which the server ends a session idle in a
     *     transaction; 0 turns it off.
     * @param connMaxAge Seconds a connection lives before the pool replaces it; 0 for no limit.
     * @param prePing Whether to keep idle connections alive with a periodic check.
     * @param pollInterval Seconds between a subscription's fallback polls (NOTIFY wakes it at once).
     */
    public record Postgres(@Nullable String dbname, @Nullable String host, @Nullable Integer port,
            @Nullable String user, @Nullable String password, @Nullable String schema, @Nullable Integer poolSize,
            @Nullable Integer maxOverflow, @Nullable Double connectTimeout, @Nullable Double lockTimeout,
            @Nullable Double idleInTransactionSessionTimeout, @Nullable Double connMaxAge,
            @Nullable Boolean prePing, @Nullable Double pollInterval) {}

    /**
     * The {@code jdbc} backend; its schema and poll interval apply to the {@code spring} backend too.
     *
     * @param url JDBC URL of the 'jdbc' backend's database, e.g. jdbc:mariadb://host:3306/db.
     * @param user Database user of the 'jdbc' backend.
     * @param password Database password of the 'jdbc' backend.
     * @param poolSize Most connections the 'jdbc' backend's pool holds.
     * @param schema Schema (on MariaDB/MySQL: the database) of the tables, also under 'spring'.
     * @param datasourceTopic Class name of a JdbcDataSourceSupplier that supplies the 'jdbc' backend's
     *     DataSource.
     * @param pollInterval Seconds between a subscription's polls, also under 'spring'.
     */
    public record Jdbc(@Nullable String url, @Nullable String user, @Nullable String password,
            @Nullable Integer poolSize, @Nullable String schema, @Nullable String datasourceTopic,
            @Nullable Double pollInterval) {}

    /**
     * The {@code jpa} backend.
     *
     * @param autoflush Whether Hibernate flushes before queries inside a transaction block of the 'jpa'
     *     backend (default true).
     */
    public record Jpa(@Nullable Boolean autoflush) {}

    /**
     * The HTTP side of the integration (Spring MVC).
     *
     * @param problemDetails Answers to conflicts and missing aggregates.
     * @param notificationLog The notification log endpoint.
     */
    public record Web(@DefaultValue ProblemDetails problemDetails, @DefaultValue NotificationLog notificationLog) {}

    /**
     * The exception handler that answers a {@code RecordConflictException} with 409 and an
     * {@code AggregateNotFoundException} with 404, as RFC 9457 problem details.
     *
     * @param enabled Whether conflicts (RecordConflictException) are answered with 409 and missing
     *     aggregates (AggregateNotFoundException) with 404, as problem details.
     */
    public record ProblemDetails(@DefaultValue("true") boolean enabled) {}

    /**
     * The applications' notification logs over HTTP, as {@code NotificationLogServer} serves them, so a
     * {@code RemoteNotificationLog} can follow them: {@code GET <path>/<application>/sections/1,10} and
     * {@code GET <path>/<application>?start=1&limit=10}.
     *
     * @param enabled Whether to serve the applications' notification logs over HTTP (they show every
     *     event: secure the path).
     * @param path Path below which the notification logs are served, one per application.
     */
    public record NotificationLog(@DefaultValue("false") boolean enabled,
            @DefaultValue("/eventsourcing/notifications") String path) {}

    /**
     * Micrometer observations of the application beans, when the context has an
     * {@code ObservationRegistry} and {@code eventsourcing-micrometer} is on the class path.
     *
     * @param enabled Whether to observe the application beans' saves, gets and processing with Micrometer
     *     observations, when the context has an ObservationRegistry.
     */
    public record Observations(@DefaultValue("true") boolean enabled) {}
}
