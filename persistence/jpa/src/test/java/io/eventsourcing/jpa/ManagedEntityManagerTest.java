package io.eventsourcing.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.tck.Databases;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Managed mode ({@code JPA_ENTITY_MANAGER_TOPIC}), the counterpart of eventsourcing-sqlalchemy's scoped
 * session: the application saves in the request's own transaction, which only the request's owner
 * commits or rolls back.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ManagedEntityManagerTest {
    private BankAccounts app = new BankAccounts(Map.of("PERSISTENCE_MODULE", "jpa", "JPA_ENTITY_MANAGER_TOPIC",
            RequestScopedEntityManager.class.getName()));

    @BeforeEach
    void emptyTheDatabase() {
        Databases.execute(RequestScopedEntityManager.URL, "", "", "DROP ALL OBJECTS");
        app.close();
        app = new BankAccounts(Map.of("PERSISTENCE_MODULE", "jpa", "JPA_ENTITY_MANAGER_TOPIC",
                RequestScopedEntityManager.class.getName()));
        RequestScopedEntityManager.request(true, entityManager ->
                entityManager.createNativeQuery(Owner.CREATE_TABLE).executeUpdate());
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void an_aggregate_saved_in_a_request_that_commits_is_there_in_the_next_request() {
        UUID id = RequestScopedEntityManager.request(true, entityManager -> {
            UUID account = app.openAccount("Ada", "ada@example.com");
            entityManager.persist(new Owner("Ada", account));
            return account;
        });

        RequestScopedEntityManager.request(true, entityManager -> {
            assertThat(app.getAccount(id).fullName()).isEqualTo("Ada");
            assertThat(entityManager.find(Owner.class, "Ada").accountId()).isEqualTo(id);
            return null;
        });
    }

    @Test
    void a_request_that_forgets_to_commit_leaves_nothing_behind() {
        UUID id = RequestScopedEntityManager.request(false, entityManager -> {
            UUID account = app.openAccount("Bob", "bob@example.com");
            entityManager.persist(new Owner("Bob", account));
            assertThat(app.getAccount(account).fullName()).as("seen inside its own request").isEqualTo("Bob");
            return account;
        });

        RequestScopedEntityManager.request(true, entityManager -> {
            assertThatThrownBy(() -> app.getAccount(id)).isInstanceOf(AggregateNotFoundException.class);
            assertThat(entityManager.find(Owner.class, "Bob")).isNull();
            return null;
        });
    }

    @Test
    void a_request_that_throws_is_rolled_back_by_its_owner_with_the_events() {
        long before = app.recorder().maxNotificationId();
        UUID[] opened = new UUID[1];

        assertThatThrownBy(() -> RequestScopedEntityManager.request(true, entityManager -> {
            opened[0] = app.openAccount("Cy", "cy@example.com");
            entityManager.persist(new Owner("Cy", opened[0]));
            throw new IllegalStateException("request failed");
        })).hasMessage("request failed");

        assertThatThrownBy(() -> app.getAccount(opened[0])).isInstanceOf(AggregateNotFoundException.class);
        assertThat(app.recorder().maxNotificationId()).isEqualTo(before);
    }

    @Test
    void saves_in_a_request_are_announced_once_the_owner_commits_and_never_when_it_does_not() {
        List<Recording> announced = new CopyOnWriteArrayList<>();
        app.addRecordingListener(announced::addAll);

        RequestScopedEntityManager.request(true, entityManager -> {
            app.openAccount("Gil", "gil@example.com");
            assertThat(announced).as("not before the owner commits").isEmpty();
            return null;
        });
        assertThat(announced).hasSize(1);

        RequestScopedEntityManager.request(false, entityManager -> app.openAccount("Hal", "hal@example.com"));
        assertThatThrownBy(() -> RequestScopedEntityManager.request(true, entityManager -> {
            app.openAccount("Ivy", "ivy@example.com");
            throw new IllegalStateException("request failed");
        })).hasMessage("request failed");
        assertThat(announced).as("uncommitted and rolled-back saves are never announced").hasSize(1);

        app.openAccount("Jo", "jo@example.com");
        assertThat(announced).as("outside a request, at once").hasSize(2);

        // A request after one that forgot to commit (its entity manager closed, its transaction never ended).
        RequestScopedEntityManager.request(false, entityManager -> app.openAccount("Kit", "kit@example.com"));
        RequestScopedEntityManager.request(true, entityManager -> app.openAccount("Lou", "lou@example.com"));
        assertThat(announced).as("the next request's commit is announced").hasSize(3);
    }

    @Test
    void transaction_blocks_run_in_the_request_and_neither_commit_nor_roll_back() {
        UUID id = RequestScopedEntityManager.request(false, request ->
                app.transaction(EntityManager.class, entityManager -> {
                    assertThat(entityManager).isSameAs(request);
                    return app.openAccount("Di", "di@example.com");
                }));

        assertThatThrownBy(() -> app.getAccount(id)).isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void a_write_through_an_entity_manager_without_a_transaction_is_refused() {
        assertThatThrownBy(() -> RequestScopedEntityManager.requestWithoutTransaction(entityManager ->
                app.openAccount("Ed", "ed@example.com")))
                .isInstanceOf(ProgrammingException.class)
                .hasMessageContaining("no active transaction");
    }

    @Test
    void outside_a_request_each_save_commits_by_itself_and_transaction_blocks_commit_their_own() {
        UUID id = app.openAccount("Fay", "fay@example.com");
        app.transaction(EntityManager.class, entityManager -> {
            app.depositFunds(id, BigDecimal.TEN);
            entityManager.persist(new Owner("Fay", id));
            return null;
        });

        RequestScopedEntityManager.request(true, entityManager -> {
            assertThat(app.getBalance(id)).isEqualByComparingTo("10");
            assertThat(entityManager.find(Owner.class, "Fay")).isNotNull();
            return null;
        });
    }

    @Test
    void a_topic_that_is_not_a_current_entity_manager_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> new BankAccounts(Map.of("PERSISTENCE_MODULE", "jpa", "JPA_ENTITY_MANAGER_TOPIC",
                String.class.getName())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JPA_ENTITY_MANAGER_TOPIC")
                .hasMessageContaining(CurrentEntityManager.class.getName());
    }
}
