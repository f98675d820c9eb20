package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.jdbc.JdbcDatastore;
import io.eventsourcing.persistence.DatabaseException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.persistence.TransactionWork;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.FlushModeType;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;
import org.jspecify.annotations.Nullable;

/*
 * Design: the JPA recorders are the JDBC recorders run on the Hibernate session's own connection.
 * Whenever the calling thread has an entity manager (one that transaction(...) opened, or the owner's
 * current one in managed mode), a recorder call borrows its connection with Session.doReturningWork and
 * binds it to the datastore for the call (JdbcDatastore.joining), so the JDBC recorders' SQL (the
 * notification lock, the gap-free numbering, the inserts and selects) runs inside the entity manager's
 * transaction and commits or rolls back with the caller's entities. Without one, a call is simply the
 * JDBC recorder's call on the datastore's pool, in a transaction of its own.
 *
 * JPA has no savepoints that the persistence context follows (entities persisted by a block undone to
 * a savepoint would stay managed and be flushed at commit). So a nested block that throws marks the
 * whole transaction rollback-only instead of being undone alone: its exception reaches the outer block,
 * and if that returns anyway, the commit is refused and everything is rolled back.
 */

/** The entity managers of one factory's recorders: opening, joining, committing. Thread-safe. */
final class JpaSessions {
    private final Supplier<EntityManagerFactory> entityManagerFactory;
    private final JdbcDatastore datastore;
    private final @Nullable CurrentEntityManager owner;
    private final FlushModeType flushMode;
    private final ThreadLocal<@Nullable EntityManager> open = new ThreadLocal<>();

    JpaSessions(Supplier<EntityManagerFactory> entityManagerFactory, JdbcDatastore datastore,
            @Nullable CurrentEntityManager owner, boolean autoflush) {
        this.entityManagerFactory = requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.datastore = requireNonNull(datastore, "datastore");
        this.owner = owner;
        this.flushMode = autoflush ? FlushModeType.AUTO : FlushModeType.COMMIT;
    }

    /** The entity manager this thread's recorder calls join, or null. */
    private @Nullable EntityManager bound() {
        EntityManager own = open.get();
        if (own != null) {
            return own;
        }
        return owner == null ? null : owner.current();
    }

    /**
     * This thread's transaction of its owner (managed mode: the current entity manager's), which the
     * library joins but never ends, or null if it is in none (or in a block's own): the entity manager
     * stands for it, as an owner's entity manager serves one unit of work.
     */
    @Nullable Object ownersTransaction() {
        if (owner == null || open.get() != null) {
            return null;
        }
        EntityManager current = owner.current();
        return current != null && current.isJoinedToTransaction() ? current : null;
    }

    /**
     * Calls {@code completion} when the owner's transaction on this thread ends, with whether it committed.
     *
     * @throws IllegalStateException if the thread is in none
     */
    void afterOwnersTransaction(Consumer<Boolean> completion) {
        if (ownersTransaction() == null) {
            throw new IllegalStateException("this thread is in no transaction of the current EntityManager");
        }
        EntityManager current = requireNonNull(requireNonNull(owner).current());
        // Told of every transaction of the session from now on; it acts on the first to end, this one.
        AtomicBoolean told = new AtomicBoolean();
        current.unwrap(Session.class).addEventListeners(new SessionEventListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void transactionCompletion(boolean successful) {
                if (told.compareAndSet(false, true)) {
                    completion.accept(successful);
                }
            }
        });
    }

    /** Runs a recorder's read in the thread's entity manager's transaction, if there is one. */
    <T> T read(Supplier<T> call) {
        EntityManager entityManager = bound();
        return entityManager == null ? call.get() : onConnection(entityManager, call);
    }

    /**
     * Runs a recorder's write in the thread's entity manager's transaction, if there is one.
     *
     * @throws ProgrammingException if the owner's current entity manager has no active transaction
     */
    <T> T write(Supplier<T> call) {
        EntityManager entityManager = bound();
        if (entityManager == null) {
            return call.get();
        }
        if (!entityManager.isJoinedToTransaction()) {
            throw new ProgrammingException("cannot write through the current EntityManager of "
                    + requireNonNull(owner).getClass().getName() + ": it has no active transaction; begin one "
                    + "(in managed mode the library never begins, commits or rolls back)");
        }
        return onConnection(entityManager, call);
    }

    private <T> T onConnection(EntityManager entityManager, Supplier<T> call) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> datastore.joining(connection, call));
    }

    /** The recorders' {@code transaction(...)}: see {@link JpaFactory}. */
    <T> T transaction(TransactionWork<EntityManager, T> work) {
        requireNonNull(work, "work");
        EntityManager joined = bound();
        if (joined != null) {
            return runJoined(joined, work);
        }
        EntityManager entityManager = entityManagerFactory.get().createEntityManager();
        try {
            entityManager.setFlushMode(flushMode);
            EntityTransaction transaction = entityManager.getTransaction();
            try {
                transaction.begin();
            } catch (jakarta.persistence.PersistenceException e) {
                throw translate(e, "transaction: begin");
            }
            open.set(entityManager);
            try {
                T result = runBlock(entityManager, work);
                commit(transaction);
                return result;
            } catch (RuntimeException | Error e) {
                rollback(transaction, e);
                throw e;
            } finally {
                open.remove();
            }
        } finally {
            entityManager.close();
        }
    }

    private <T> T runJoined(EntityManager entityManager, TransactionWork<EntityManager, T> work) {
        try {
            return runBlock(entityManager, work);
        } catch (RuntimeException | Error e) {
            if (entityManager == open.get()) {
                entityManager.getTransaction().setRollbackOnly();
            }
            throw e;
        }
    }

    private static <T> T runBlock(EntityManager entityManager, TransactionWork<EntityManager, T> work) {
        try {
            return work.run(entityManager);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventSourcingException("the transaction block was interrupted", e);
        } catch (Exception e) {
            throw new EventSourcingException("the transaction block failed: " + e, e);
        }
    }

    private void commit(EntityTransaction transaction) {
        if (transaction.getRollbackOnly()) {
            throw new PersistenceException("transaction rolled back: a nested transaction block threw, and JPA "
                    + "cannot undo a nested block alone, so nothing of the transaction was committed");
        }
        try {
            transaction.commit();
        } catch (jakarta.persistence.PersistenceException e) {
            throw translate(e, "transaction: commit");
        }
    }

    private static void rollback(EntityTransaction transaction, Throwable failure) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** A Hibernate failure as the dialect's exception for the driver's SQLException inside it, if any. */
    private PersistenceException translate(RuntimeException e, String context) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                PersistenceException translated = datastore.dialect().translate(sql, context);
                translated.addSuppressed(e);
                return translated;
            }
        }
        return new DatabaseException(context + ": " + e.getMessage(), e);
    }
}
