package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a backend's own connection pool reaches its database. Every setting goes to the driver as a
 * connection property, never pasted into the URL, so no value can add a driver parameter of its own.
 * {@link JdbcFactory#pool(JdbcDialect, PoolSettings)} opens the first connection with them when the
 * backend is constructed.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:mariadb://127.0.0.1:3306/shop}, or just the driver's prefix
 *     ({@code jdbc:postgresql://}) when the host and database are given as properties
 * @param properties the driver's connection properties
 * @param user the user, or null
 * @param password the password, or null
 * @param minimumIdle connections kept open when idle
 * @param maximumSize the most connections
 * @param connectTimeout the longest wait for a connection: to make the first one, and later for one
 *     from the pool
 * @param maxLifetime a connection's longest life, zero for no limit
 * @param keepaliveTime how often an idle connection is checked, zero for never
 * @param name names the pool (and its threads)
 * @param target the database as messages name it, e.g. {@code "PostgreSQL at db:5432, database shop, user app"};
 *     never with the password
 */
public record PoolSettings(String url, Map<String, String> properties, @Nullable String user,
        @Nullable String password, int minimumIdle, int maximumSize, Duration connectTimeout, Duration maxLifetime,
        Duration keepaliveTime, String name, String target) {
    /** The connect timeout when none is configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    /**
     * @throws IllegalArgumentException if a size or duration is out of range
     */
    public PoolSettings {
        requireNonNull(url, "url");
        properties = Map.copyOf(requireNonNull(properties, "properties"));
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(maxLifetime, "maxLifetime");
        requireNonNull(keepaliveTime, "keepaliveTime");
        requireNonNull(name, "name");
        requireNonNull(target, "target");
        if (maximumSize < 1 || minimumIdle < 0 || minimumIdle > maximumSize) {
            throw new IllegalArgumentException("pool sizes out of range: minimumIdle " + minimumIdle
                    + ", maximumSize " + maximumSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || maxLifetime.isNegative()
                || keepaliveTime.isNegative()) {
            throw new IllegalArgumentException("the connect timeout must be positive and the other durations not "
                    + "negative");
        }
    }

    /**
     * Settings for a JDBC URL: at most {@code maximumSize} connections, one kept when idle, the pool's
     * usual lifetime (30 minutes) and keepalive (2 minutes).
     */
    public static PoolSettings of(String url, @Nullable String user, @Nullable String password, int maximumSize,
            Duration connectTimeout, String name) {
        return new PoolSettings(url, Map.of(), user, password, Math.min(1, maximumSize), maximumSize, connectTimeout,
                Duration.ofMinutes(30), Duration.ofMinutes(2), name, describe(url, user));
    }

    /** The same settings with more driver properties (those given win). */
    public PoolSettings withProperties(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(properties);
        all.putAll(more);
        return new PoolSettings(url, all, user, password, minimumIdle, maximumSize, connectTimeout, maxLifetime,
                keepaliveTime, name, target);
    }

    /**
     * A URL as messages show it: without its parameters (after {@code ?} or {@code ;}) or credentials
     * written into it, with the user named.
     */
    static String describe(String url, @Nullable String user) {
        String shown = USER_INFO.matcher(url).replaceFirst("//");
        int parameters = indexOfAny(shown, '?', ';');
        if (parameters >= 0) {
            shown = shown.substring(0, parameters);
        }
        return user == null ? shown : shown + " (user " + user + ")";
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }

    @Override
    public String toString() {
        return "PoolSettings[" + target + ", name=" + name + ", properties=" + properties.keySet()
                + ", password=" + (password == null ? null : "***") + ", minimumIdle=" + minimumIdle
                + ", maximumSize=" + maximumSize + ", connectTimeout=" + connectTimeout + "]";
    }
}
