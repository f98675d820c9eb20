package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.PoolSettings;
import io.eventsourcing.persistence.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL backend, {@code PERSISTENCE_MODULE=postgres}, configured by the {@code POSTGRES_*}
 * variables of {@link PostgresSettings} with pyeventsourcing's defaults. Connections come from a
 * HikariCP pool of {@code POSTGRES_POOL_SIZE} connections kept open plus up to
 * {@code POSTGRES_MAX_OVERFLOW} more; HikariCP checks a connection's liveness before lending it when
 * it has been idle for more than half a second, and {@code POSTGRES_PRE_PING=true} also keeps idle
 * connections alive with a check every 30 seconds. The first connection is made when the factory is
 * constructed: a server that cannot be reached, a wrong password or a missing database fails there,
 * within {@code POSTGRES_CONNECT_TIMEOUT}, with the driver's reason. Work that fails because its
 * connection was lost (a restart, {@code pg_terminate_backend}) is retried on a new connection.
 * Subscriptions are pushed by LISTEN/NOTIFY.
 *
 * <p><b>High availability.</b> With several hosts in {@code POSTGRES_HOST}, connections go to whichever
 * of them is the primary, so after a failover (Patroni, pg_auto_failover, a managed service's standby
 * promoted) new connections find the new primary, and work whose connection was lost is retried there;
 * while no host is the primary yet, connecting counts as a failure that passes by itself. With
 * {@code POSTGRES_REPLICA_HOSTS}, a second pool, made at the first read, reads the notification log
 * (and with {@code POSTGRES_REPLICA_READS=all} the aggregates) from the read replicas; see
 * {@link io.eventsourcing.jdbc.JdbcReplicas} and {@code ApplicationRecorder.waitForNotification}.
 *
 * <p>Thread-safe.
 */
public final class PostgresFactory extends JdbcFactory {

    /**
     * @throws io.eventsourcing.persistence.ConfigurationException if a setting is missing or invalid
     */
    public PostgresFactory(Environment environment) {
        this(environment, PostgresSettings.from(environment));
    }

    private PostgresFactory(Environment environment, PostgresSettings settings) {
        this(environment, settings, stores(settings, environment.name()));
    }

    private PostgresFactory(Environment environment, PostgresSettings settings, Stores stores) {
        super(environment, stores.primary(), stores.replicas(), settings.schema(), settings.pollInterval());
    }

    /** The primary's datastore and the replicas', made together so that neither is left open. */
    private record Stores(JdbcDatastore primary, @Nullable PostgresReplicas replicas) {}

    private static Stores stores(PostgresSettings settings, String name) {
        PostgresDialect dialect = new PostgresDialect(settings.lockTimeout());
        DataSource pool = JdbcFactory.pool(dialect, poolSettings(settings, name));
        JdbcDatastore primary = new JdbcDatastore(pool, dialect, (AutoCloseable) pool);
        if (settings.replicas().isEmpty()) {
            return new Stores(primary, null);
        }
        return new Stores(primary, new PostgresReplicas(() -> {
            DataSource replicaPool = JdbcFactory.pool(dialect, replicaPoolSettings(settings, name));
            return new JdbcDatastore(replicaPool, dialect, (AutoCloseable) replicaPool);
        }, settings, name));
    }

    /**
     * The pool's settings: the hosts, ports and database go to the driver as its {@code PGHOST},
     * {@code PGPORT} and {@code PGDBNAME} properties behind the bare URL {@code jdbc:postgresql://}, so
     * no value is parsed as part of a URL. With several hosts, the driver connects to the primary
     * ({@code targetServerType=primary}) and forgets what it learnt of a host's role after a second, so
     * a standby promoted meanwhile is found at once. The session's timeouts are set as server options.
     */
    static PoolSettings poolSettings(PostgresSettings settings, String name) {
        Map<String, String> properties = properties(settings, settings.hosts(), name);
        if (settings.hosts().size() > 1) {
            properties.put("targetServerType", "primary");
            properties.put("hostRecheckSeconds", "1");
        }
        return new PoolSettings("jdbc:postgresql://", properties, settings.user(), settings.password(),
                settings.poolSize(), settings.poolSize() + settings.maxOverflow(), settings.connectTimeout(),
                settings.connMaxAge(), settings.prePing() ? Duration.ofSeconds(30) : Duration.ofMinutes(2),
                "eventsourcing-postgres-" + name, settings.target());
    }

    /**
     * The replicas' pool: like the primary's, on the replica hosts, where the driver prefers a standby
     * ({@code targetServerType=preferSecondary}) and spreads the connections over those that answer.
     */
    static PoolSettings replicaPoolSettings(PostgresSettings settings, String name) {
        Map<String, String> properties = properties(settings, settings.replicas(), name + "-replicas");
        properties.put("targetServerType", "preferSecondary");
        properties.put("loadBalanceHosts", "true");
        properties.put("hostRecheckSeconds", "1");
        return new PoolSettings("jdbc:postgresql://", properties, settings.user(), settings.password(),
                settings.poolSize(), settings.poolSize() + settings.maxOverflow(), settings.connectTimeout(),
                settings.connMaxAge(), settings.prePing() ? Duration.ofSeconds(30) : Duration.ofMinutes(2),
                "eventsourcing-postgres-" + name + "-replicas", settings.replicaTarget());
    }

    private static Map<String, String> properties(PostgresSettings settings, List<PostgresSettings.Host> hosts,
            String name) {
        Map<String, String> properties = new HashMap<>();
        properties.put("PGHOST", String.join(",", hosts.stream().map(PostgresSettings.Host::name).toList()));
        properties.put("PGPORT", String.join(",", hosts.stream().map(host -> String.valueOf(host.port())).toList()));
        properties.put("PGDBNAME", settings.dbname());
        properties.put("reWriteBatchedInserts", "true");
        properties.put("ApplicationName", "eventsourcing-" + name);
        StringBuilder options = new StringBuilder("-c idle_in_transaction_session_timeout=")
                .append(settings.idleInTransactionSessionTimeout().toMillis());
        if (!settings.lockTimeout().isZero()) {
            options.append(" -c lock_timeout=").append(Math.max(1, settings.lockTimeout().toMillis()));
        }
        if (!settings.statementTimeout().isZero()) {
            options.append(" -c statement_timeout=").append(Math.max(1, settings.statementTimeout().toMillis()));
        }
        properties.put("options", options.toString());
        return properties;
    }
}
