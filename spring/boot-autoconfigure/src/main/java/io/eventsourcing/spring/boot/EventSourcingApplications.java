package io.eventsourcing.spring.boot;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.spring.boot.internal.SpringContexts;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes the context's event-sourced applications, configured from the {@code eventsourcing.*}
 * properties and stored through the context's {@code DataSource}, in its transactions. Declare each
 * application as a bean made by it; Spring closes the application with the context:
 *
 * <pre>{@code
 * @Bean
 * DogSchool dogSchool(EventSourcingApplications applications) {
 *     return applications.create(DogSchool::new);
 * }
 * }</pre>
 *
 * <p>Properties become the library's variables ({@link EventSourcingProperties} lists them):
 * {@code eventsourcing.aggregate-cache.maxsize=100} is {@code AGGREGATE_CACHE_MAXSIZE}, and
 * {@code eventsourcing.dogschool.aggregate-cache.maxsize} is
 * {@code DOGSCHOOL_AGGREGATE_CACHE_MAXSIZE}, which only the application named {@code DogSchool} reads
 * (and which wins over the plain one there). Unless set otherwise, {@code PERSISTENCE_MODULE} is
 * {@code spring} (the context's {@code DataSource}) and {@code CREATE_TABLE} is false: the tables come
 * from the library's Flyway migration, one history table per application ({@code
 * dogschool_schema_history}); {@code eventsourcing.flyway.enabled=false} turns it off.
 *
 * <p>Inside a Spring-managed transaction ({@code @Transactional}) on that {@code DataSource}, the
 * applications' saves and gets join it: they commit with it and roll back with it, and what they
 * saved reaches runners and caches only after it has committed.
 *
 * <p>Thread-safe.
 */
public final class EventSourcingApplications implements AutoCloseable {
    private final Map<String, String> env;
    private final @Nullable String contextId;

    EventSourcingApplications(Map<String, String> env, @Nullable String contextId) {
        this.env = Map.copyOf(env);
        this.contextId = contextId;
    }

    /**
     * The variables the applications are made with: pass them to a runner, or to an application's
     * constructor, to make more applications on the same database.
     */
    public Map<String, String> env() {
        return env;
    }

    /**
     * An application made by its constructor from {@link #env}, e.g. {@code create(DogSchool::new)}.
     *
     * @throws io.eventsourcing.persistence.ConfigurationException if a setting is invalid or the tables
     *     are missing, naming the property's variable
     */
    public <A extends Application> A create(Function<Map<String, String>, ? extends A> constructor) {
        return requireNonNull(constructor, "constructor").apply(env);
    }

    /** Forgets the context's database; applications made afterwards with these variables fail. */
    @Override
    public void close() {
        if (contextId != null) {
            SpringContexts.unregister(contextId);
        }
    }

    @Override
    public String toString() {
        return "EventSourcingApplications" + env.keySet();
    }
}
