package io.eventsourcing.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A web framework's request scope in miniature, lent to the library by {@code JPA_ENTITY_MANAGER_TOPIC}:
 * the caller's own EntityManagerFactory (on an H2 DataSource) and the entity manager of the request
 * being served on this thread. The "framework" begins, commits or rolls back, and closes; the library
 * never does.
 */
public final class RequestScopedEntityManager implements CurrentEntityManager {
    static final String URL = "jdbc:h2:mem:jpa-managed;DB_CLOSE_DELAY=-1";
    private static final ThreadLocal<@Nullable EntityManager> REQUEST = new ThreadLocal<>();
    private static @Nullable EntityManagerFactory factory;

    /** Made by the library. */
    public RequestScopedEntityManager() {}

    static synchronized EntityManagerFactory factory() {
        if (factory == null) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(URL);
            factory = new HibernatePersistenceConfiguration("owners")
                    .managedClasses(Owner.class)
                    .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                    .createEntityManagerFactory();
        }
        return factory;
    }

    /**
     * Serves a request: opens its entity manager and begins its transaction, runs the handler, and
     * commits if asked to (else rolls back, like a request that forgot to commit), or rolls back if the
     * handler throws; then closes the entity manager.
     */
    static <T> T request(boolean commit, Function<EntityManager, T> handler) {
        EntityManager entityManager = factory().createEntityManager();
        REQUEST.set(entityManager);
        try {
            entityManager.getTransaction().begin();
            T result = handler.apply(entityManager);
            if (commit) {
                entityManager.getTransaction().commit();
            }
            return result;
        } finally {
            if (entityManager.getTransaction().isActive()) {
                entityManager.getTransaction().rollback();
            }
            REQUEST.remove();
            entityManager.close();
        }
    }

    /** Serves a request whose entity manager is open but whose transaction was never begun. */
    static <T> T requestWithoutTransaction(Function<EntityManager, T> handler) {
        EntityManager entityManager = factory().createEntityManager();
        REQUEST.set(entityManager);
        try {
            return handler.apply(entityManager);
        } finally {
            REQUEST.remove();
            entityManager.close();
        }
    }

    @Override
    public EntityManagerFactory entityManagerFactory() {
        return factory();
    }

    @Override
    public @Nullable EntityManager current() {
        return REQUEST.get();
    }
}
