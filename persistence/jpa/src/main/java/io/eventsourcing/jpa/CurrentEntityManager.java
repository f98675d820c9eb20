package io.eventsourcing.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lends the caller's own {@link EntityManagerFactory}, and the caller's current {@link EntityManager}
 * (for instance the one of the web request being served), to the JPA recorders: the counterpart of
 * eventsourcing-sqlalchemy's scoped session. {@code JPA_ENTITY_MANAGER_TOPIC} names an implementation
 * with a public no-argument constructor, made once per {@link JpaFactory}.
 *
 * <p>While {@link #current()} returns an entity manager, every call of a recorder on that thread runs on
 * that entity manager's JDBC connection, inside the transaction its owner began: the library never
 * begins, commits, rolls back or closes it, and {@code transaction(...)} only hands it to the block. A
 * save that its owner does not commit leaves nothing behind. Where {@link #current()} returns null (no
 * request is being served, or an implementation that only lends its factory), the recorders behave as
 * with the factory's own {@code EntityManagerFactory}: each call commits by itself, and
 * {@code transaction(...)} begins and commits an entity manager of its own made from
 * {@link #entityManagerFactory()}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CurrentEntityManager {

    /**
     * The caller's factory, asked once when the {@link JpaFactory} is made. Its connections must come
     * from a {@code javax.sql.DataSource} (Hibernate's {@code jakarta.persistence.nonJtaDataSource} or
     * {@code hibernate.connection.datasource}, or its HikariCP integration), which the recorders also use
     * outside the caller's transactions, and its transactions must be resource-local. It stays the
     * caller's: closing the {@code JpaFactory} does not close it.
     */
    EntityManagerFactory entityManagerFactory();

    /**
     * The entity manager of the calling thread's unit of work, or null if it has none. A write needs the
     * returned entity manager's transaction to be active.
     */
    @Nullable EntityManager current();
}
