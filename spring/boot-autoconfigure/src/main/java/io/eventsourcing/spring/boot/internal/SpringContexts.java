package io.eventsourcing.spring.boot.internal;

import io.eventsourcing.jdbc.JdbcDialect;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/*
 * Applications are configured by a map of strings, so the Spring context's DataSource cannot travel in
 * it; what travels is an id (the EVENTSOURCING_SPRING_CONTEXT variable) under which the context's
 * database is registered here for as long as the context lives. That lets applications that a runner
 * constructs from the same variables, on any thread, find the database too.
 */

/** The databases of the running Spring contexts, by the id their applications' variables carry. */
public final class SpringContexts {
    /** The variable that carries the id. */
    public static final String CONTEXT_VARIABLE = "EVENTSOURCING_SPRING_CONTEXT";

    /**
     * A context's database.
     *
     * @param dataSource the context's DataSource
     * @param dialect the dialect serving its URL
     * @param url its JDBC URL, for messages
     */
    public record Database(DataSource dataSource, JdbcDialect dialect, String url) {}

    private static final Map<String, Database> DATABASES = new ConcurrentHashMap<>();

    private SpringContexts() {}

    /** Registers a context's database; returns its id. */
    public static String register(Database database) {
        String id = UUID.randomUUID().toString();
        DATABASES.put(id, database);
        return id;
    }

    /** The database registered under the id, or null if its context has closed. */
    public static @Nullable Database get(String id) {
        return DATABASES.get(id);
    }

    /** Forgets a context's database, when the context closes. */
    public static void unregister(String id) {
        DATABASES.remove(id);
    }
}
