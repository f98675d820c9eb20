package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.dcb.Courses;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DESIGN section 6 on JPA: the caller's entities and the application's events in one
 * {@code EntityManager} transaction, through {@code app.transaction(EntityManager.class, ...)}. A subclass
 * per database supplies the settings and empties the database.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class JpaTransactions {
    private @Nullable BankAccounts app;

    /** The database's settings: {@code PERSISTENCE_MODULE=jpa} and the JDBC URL. */
    abstract Map<String, String> env();

    /** Empties the database (server databases check they are reachable first). */
    abstract void emptyDatabase();

    BankAccounts app(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(env());
        env.put("JPA_ENTITY_CLASSES", Owner.class.getName() + ", " + BankAccountsEvent.class.getName());
        env.putAll(more);
        return new BankAccounts(env);
    }

    BankAccounts app() {
        if (app == null) {
            app = app(Map.of());
        }
        return app;
    }

    @BeforeEach
    void createTheOwnersTable() {
        emptyDatabase();
        app().transaction(EntityManager.class, entityManager ->
                entityManager.createNativeQuery(Owner.CREATE_TABLE).executeUpdate());
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private List<String> owners() {
        return app().transaction(EntityManager.class, entityManager -> entityManager
                .createQuery("select o.name from Owner o order by o.name", String.class).getResultList());
    }

    @Test
    void an_entity_persisted_in_the_block_commits_with_the_saved_aggregate() {
        long before = app().recorder().maxNotificationId();

        UUID account = app().transaction(EntityManager.class, entityManager -> {
            UUID id = app().openAccount("Ada", "ada@example.com");
            app().depositFunds(id, new BigDecimal("10.00"));
            entityManager.persist(new Owner("Ada", id));
            return id;
        });

        assertThat(owners()).containsExactly("Ada");
        assertThat(app().getBalance(account)).isEqualByComparingTo("10.00");
        assertThat(app().recorder().maxNotificationId()).isEqualTo(before + 2);
    }

    @Test
    void a_block_that_throws_rolls_back_the_entity_and_the_events() {
        long before = app().recorder().maxNotificationId();
        UUID[] opened = new UUID[1];

        assertThatThrownBy(() -> app().transaction(EntityManager.class, entityManager -> {
            opened[0] = app().openAccount("Bob", "bob@example.com");
            entityManager.persist(new Owner("Bob", opened[0]));
            entityManager.flush();
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");

        assertThat(owners()).isEmpty();
        assertThatThrownBy(() -> app().getAccount(opened[0])).isInstanceOf(AggregateNotFoundException.class);
        assertThat(app().recorder().maxNotificationId()).isEqualTo(before);
    }

    @Test
    void a_failing_commit_of_the_entities_rolls_back_the_events_too() {
        app().transaction(EntityManager.class, entityManager -> {
            entityManager.persist(new Owner("Cy", UUID.randomUUID()));
            return null;
        });
        long before = app().recorder().maxNotificationId();

        assertThatThrownBy(() -> app().transaction(EntityManager.class, entityManager -> {
            UUID id = app().openAccount("Cy", "cy@example.com");
            entityManager.persist(new Owner("Cy", id));
            return id;
        })).isInstanceOfAny(IntegrityException.class, jakarta.persistence.PersistenceException.class);

        assertThat(app().recorder().maxNotificationId()).isEqualTo(before);
    }

    @Test
    void inside_the_block_a_get_sees_the_uncommitted_save_which_another_thread_does_not() {
        app().transaction(EntityManager.class, entityManager -> {
            UUID id = app().openAccount("Di", "di@example.com");

            assertThat(app().getAccount(id).fullName()).isEqualTo("Di");
            assertThat(CompletableFuture.supplyAsync(() -> app().repository().contains(id)).get()).isFalse();
            return null;
        });
    }

    @Test
    void the_events_can_be_read_through_the_mapped_superclass_in_the_same_transaction() {
        app().transaction(EntityManager.class, entityManager -> {
            UUID id = app().openAccount("Ed", "ed@example.com");
            entityManager.flush();

            List<BankAccountsEvent> events = entityManager.createQuery(
                    "select e from BankAccountsEvent e where e.originatorId = :id", BankAccountsEvent.class)
                    .setParameter("id", id).getResultList();
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.originatorVersion()).isEqualTo(1);
                assertThat(event.notificationId()).isEqualTo(app().recorder().maxNotificationId());
                assertThat(event.state()).isNotEmpty();
            });
            assertThat(entityManager.find(BankAccountsEvent.class, new EventRecordKey(id, 1))).isNotNull();
            return null;
        });
    }

    @Test
    void with_autoflush_a_query_in_the_block_sees_an_entity_persisted_before_it() {
        long seen = app().transaction(EntityManager.class, entityManager -> {
            assertThat(entityManager.getFlushMode()).isEqualTo(FlushModeType.AUTO);
            entityManager.persist(new Owner("Fay", UUID.randomUUID()));
            return entityManager.createQuery("select count(o) from Owner o", Long.class).getSingleResult();
        });

        assertThat(seen).isEqualTo(1);
    }

    @Test
    void without_autoflush_a_query_in_the_block_sees_the_entity_only_after_an_explicit_flush() {
        try (BankAccounts committing = app(Map.of("JPA_AUTOFLUSH", "false"))) {
            committing.transaction(EntityManager.class, entityManager -> {
                assertThat(entityManager.getFlushMode()).isEqualTo(FlushModeType.COMMIT);
                entityManager.persist(new Owner("Gus", UUID.randomUUID()));
                assertThat(entityManager.createQuery("select count(o) from Owner o", Long.class).getSingleResult())
                        .isZero();
                entityManager.flush();
                assertThat(entityManager.createQuery("select count(o) from Owner o", Long.class).getSingleResult())
                        .isEqualTo(1);
                return null;
            });
        }
        assertThat(owners()).containsExactly("Gus");
    }

    @Test
    void a_block_may_change_its_own_flush_mode() {
        long seen = app().transaction(EntityManager.class, entityManager -> {
            entityManager.setFlushMode(FlushModeType.COMMIT);
            entityManager.persist(new Owner("Hal", UUID.randomUUID()));
            return entityManager.createQuery("select count(o) from Owner o", Long.class).getSingleResult();
        });

        assertThat(seen).isZero();
        assertThat(owners()).containsExactly("Hal");
    }

    @Test
    void a_nested_block_joins_the_outer_transaction() {
        UUID account = app().transaction(EntityManager.class, outer -> {
            UUID id = app().openAccount("Ida", "ida@example.com");
            app().transaction(EntityManager.class, inner -> {
                assertThat(inner).isSameAs(outer);
                inner.persist(new Owner("Ida", id));
                app().depositFunds(id, BigDecimal.ONE);
                return null;
            });
            return id;
        });

        assertThat(owners()).containsExactly("Ida");
        assertThat(app().getBalance(account)).isEqualByComparingTo("1");
    }

    @Test
    void a_nested_block_that_throws_cannot_be_undone_alone_so_nothing_commits() {
        long before = app().recorder().maxNotificationId();

        assertThatThrownBy(() -> app().transaction(EntityManager.class, outer -> {
            UUID id = app().openAccount("Jo", "jo@example.com");
            outer.persist(new Owner("Jo", id));
            try {
                app().transaction(EntityManager.class, inner -> {
                    app().depositFunds(id, BigDecimal.TEN);
                    throw new IllegalArgumentException("inner failure");
                });
            } catch (IllegalArgumentException expected) {
                // carry on, as a caller might
            }
            return null;
        })).isInstanceOf(PersistenceException.class).hasMessageContaining("nested transaction block threw");

        assertThat(owners()).isEmpty();
        assertThat(app().recorder().maxNotificationId()).isEqualTo(before);
    }

    /** A DCB application's decisions and appends in the caller's {@code EntityManager} transaction. */
    @Nested
    class Dcb {
        private @Nullable Courses courses;

        @BeforeEach
        void defineACourse() {
            Map<String, String> env = new HashMap<>(env());
            env.put("JPA_ENTITY_CLASSES", Owner.class.getName());
            courses = new Courses(env);
            courses().defineCourse("c1", 10);
        }

        @AfterEach
        void closeTheCourses() {
            if (courses != null) {
                courses.close();
            }
        }

        private Courses courses() {
            return requireNonNull(courses);
        }

        @Test
        void a_subscription_commits_with_the_entity_persisted_in_the_block() {
            long position = courses().transaction(EntityManager.class, entityManager -> {
                entityManager.persist(new Owner("Ada", UUID.randomUUID()));
                return courses().subscribe("s1", "c1");
            });

            assertThat(position).isEqualTo(2);
            assertThat(owners()).containsExactly("Ada");
            assertThat(courses().subscriptions("c1")).isEqualTo(1);
        }

        @Test
        void a_block_that_throws_rolls_back_the_entity_and_the_subscription() {
            assertThatThrownBy(() -> courses().transaction(EntityManager.class, entityManager -> {
                entityManager.persist(new Owner("Bob", UUID.randomUUID()));
                courses().subscribe("s1", "c1");
                entityManager.flush();
                throw new IllegalStateException("changed my mind");
            })).hasMessage("changed my mind");

            assertThat(owners()).isEmpty();
            assertThat(courses().subscriptions("c1")).isZero();
            assertThat(courses().subscribe("s1", "c1")).as("the next position, without a gap").isEqualTo(2);
        }
    }
}
