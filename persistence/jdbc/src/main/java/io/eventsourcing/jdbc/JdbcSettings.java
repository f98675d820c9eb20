package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@code PERSISTENCE_MODULE=jdbc}, parsed once and validated.
 *
 * @param url {@code JDBC_URL}: the database, e.g. {@code jdbc:mariadb://127.0.0.1:3306/test}
 * @param user {@code JDBC_USER}, or null
 * @param password {@code JDBC_PASSWORD}, or null
 * @param poolSize {@code JDBC_POOL_SIZE}: the most pooled connections (default 10)
 * @param schema {@code JDBC_SCHEMA}: qualifies the table names, or null
 * @param dataSourceTopic {@code JDBC_DATASOURCE_TOPIC}: a {@link JdbcDataSourceSupplier} class name, or null
 * @param pollInterval {@code JDBC_POLL_INTERVAL}: seconds between a subscription's polls (default 0.1)
 * @param connectTimeout {@code JDBC_CONNECT_TIMEOUT}: the longest wait to connect, at construction and
 *     later for a pooled connection (default 5 s)
 */
public record JdbcSettings(@Nullable String url, @Nullable String user, @Nullable String password, int poolSize,
        @Nullable String schema, @Nullable String dataSourceTopic, Duration pollInterval, Duration connectTimeout) {
    /** The JDBC URL variable. */
    public static final String JDBC_URL = "JDBC_URL";
    /** The user variable. */
    public static final String JDBC_USER = "JDBC_USER";
    /** The password variable. */
    public static final String JDBC_PASSWORD = "JDBC_PASSWORD";
    /** The pool size variable. */
    public static final String JDBC_POOL_SIZE = "JDBC_POOL_SIZE";
    /** The schema variable. */
    public static final String JDBC_SCHEMA = "JDBC_SCHEMA";
    /** The data source supplier variable. */
    public static final String JDBC_DATASOURCE_TOPIC = "JDBC_DATASOURCE_TOPIC";
    /** The poll interval variable. */
    public static final String JDBC_POLL_INTERVAL = "JDBC_POLL_INTERVAL";
    /** The connect timeout variable. */
    public static final String JDBC_CONNECT_TIMEOUT = "JDBC_CONNECT_TIMEOUT";
    /** The longest timeout in seconds: what the databases take in milliseconds as a 32-bit integer. */
    static final double MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000.0;

    /**
     * The settings in an environment.
     *
     * @throws ConfigurationException if neither {@code JDBC_URL} nor {@code JDBC_DATASOURCE_TOPIC} is
     *     set, or a number is invalid, naming the variable
     */
    public static JdbcSettings from(Environment environment) {
        String url = environment.get(JDBC_URL).orElse(null);
        String topic = environment.get(JDBC_DATASOURCE_TOPIC).orElse(null);
        if (url == null && topic == null) {
            throw new ConfigurationException(JDBC_URL + " is not set: PERSISTENCE_MODULE=jdbc needs a JDBC URL such as "
                    + "jdbc:mariadb://127.0.0.1:3306/test or jdbc:h2:mem:test (or " + JDBC_DATASOURCE_TOPIC
                    + " naming a JdbcDataSourceSupplier class)");
        }
        if (url != null && !url.startsWith("jdbc:")) {
            throw new ConfigurationException(environment.sourceOf(JDBC_URL) + " '" + url
                    + "' is not a JDBC URL: it must start with jdbc:");
        }
        Duration poll = environment.getSeconds(JDBC_POLL_INTERVAL, Duration.ofMillis(100));
        if (poll.isZero()) {
            throw new ConfigurationException(environment.sourceOf(JDBC_POLL_INTERVAL) + " must be above 0 seconds");
        }
        return new JdbcSettings(url, environment.get(JDBC_USER).orElse(null),
                environment.get(JDBC_PASSWORD).orElse(null), environment.getInt(JDBC_POOL_SIZE, 10, 1, 1000),
                environment.get(JDBC_SCHEMA).orElse(null), topic, poll,
                timeout(environment, JDBC_CONNECT_TIMEOUT, PoolSettings.DEFAULT_CONNECT_TIMEOUT, false));
    }

    /**
     * A timeout in seconds, checked to lie between 0 (excluded unless {@code zeroAllowed}: then it means
     * no timeout) and about 24.8 days, the most the databases take.
     *
     * @throws ConfigurationException naming the variable and the range
     */
    public static Duration timeout(Environment environment, String key, Duration defaultValue, boolean zeroAllowed) {
        Duration value = environment.getSeconds(key, defaultValue);
        double seconds = value.toNanos() / 1e9;
        boolean tooSmall = !zeroAllowed && value.isZero();
        if (tooSmall || seconds > MAX_TIMEOUT_SECONDS || (!value.isZero() && value.toMillis() == 0)) {
            throw new ConfigurationException(environment.sourceOf(key) + " '" + environment.get(key, "")
                    + "' is out of range: use " + (zeroAllowed ? "0 (no timeout) or " : "")
                    + "a number of seconds from 0.001 to " + (long) MAX_TIMEOUT_SECONDS);
        }
        return value;
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", poolSize=" + poolSize + ", schema=" + schema + ", dataSourceTopic=" + dataSourceTopic
                + ", pollInterval=" + pollInterval + ", connectTimeout=" + connectTimeout + "]";
    }
}
