package io.eventsourcing.jdbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Recording;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/*
 * Design: Application.transaction(Connection.class, block) is the promise of DESIGN section 6: the
 * caller's own rows and the application's events commit together or not at all. Every SQL backend runs
 * this one suite through a subclass that supplies its settings (and empties its database). The caller's
 * table is created by the test through the application's own connection, as a user would.
 *
 * Nested blocks: an inner transaction() joins the outer one (same connection, nothing commits before
 * the outermost block returns), but it is undone alone when it throws: the datastore sets a savepoint
 * and rolls back to it. The inner exception reaches the outer block unchanged; an outer block that
 * catches it and returns commits its own work. This is the same on every database, also PostgreSQL,
 * where a failed statement would otherwise spoil the whole transaction.
 */

/**
 * Transactions outside the application on a SQL backend: the caller's rows and the application's
 * saves in one database transaction. Extend it with the backend's settings.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class ApplicationTransactionConformance {
    private @Nullable PostOffice app;

    /** The backend's settings, e.g. {@code PERSISTENCE_MODULE=sqlite} and its database. */
    protected abstract Map<String, String> env();

    /**
     * Makes the database empty before every test; server backends first check that the server is
     * reachable. The default does nothing (a new database per test).
     */
    protected void emptyDatabase() {}

    /** The name of the caller's own table, qualified as the backend needs. */
    protected String customersTable() {
        return "customers";
    }

    @BeforeEach
    void openThePostOfficeAndCreateTheCallersTable() {
        emptyDatabase();
        app = new PostOffice(env());
        app().transaction(Connection.class, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + customersTable() + " (name VARCHAR(100) NOT NULL PRIMARY KEY)");
            }
            return null;
        });
    }

    @AfterEach
    void closeThePostOffice() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_block_commits_the_callers_row_and_two_saved_aggregates_together() {
        long before = app().recorder().maxNotificationId();
        Parcel first = Parcel.post("1 Harbour Road");
        Parcel second = Parcel.post("2 Mill Lane");
        second.deliver();

        String result = app().transaction(Connection.class, connection -> {
            insertCustomer(connection, "Ada");
            app().save(first);
            app().save(second);
            return "posted";
        });

        assertThat(result).isEqualTo("posted");
        assertThat(customers()).containsExactly("Ada");
        assertThat(app().repository().get(Parcel.class, first.id()).address()).isEqualTo("1 Harbour Road");
        assertThat(app().repository().get(Parcel.class, second.id()).delivered()).isTrue();
        assertThat(app().recorder().maxNotificationId()).isEqualTo(before + 3);
    }

    @Test
    void inside_the_block_repository_get_sees_its_uncommitted_save_which_no_other_thread_sees_before_it_returns()
            throws Exception {
        long before = app().recorder().maxNotificationId();
        Parcel parcel = Parcel.post("3 Quay Street");

        app().transaction(Connection.class, connection -> {
            insertCustomer(connection, "Ada");
            app().save(parcel);

            assertThat(app().repository().contains(parcel.id())).isTrue();
            assertThat(app().repository().get(Parcel.class, parcel.id()).address()).isEqualTo("3 Quay Street");
            assertThat(app().recorder().maxNotificationId()).isEqualTo(before + 1);
            assertThat(onAnotherThread(() -> app().repository().contains(parcel.id()))).isFalse();
            assertThat(onAnotherThread(() -> app().recorder().maxNotificationId())).isEqualTo(before);
            return null;
        });

        assertThat(onAnotherThread(() -> app().repository().contains(parcel.id()))).isTrue();
    }

    @Test
    void a_block_that_throws_after_saving_leaves_neither_the_row_nor_the_aggregates() {
        long before = app().recorder().maxNotificationId();
        Parcel first = Parcel.post("1 Harbour Road");
        Parcel second = Parcel.post("2 Mill Lane");
        RuntimeException failure = new IllegalStateException("the label printer jammed");

        assertThatThrownBy(() -> app().transaction(Connection.class, connection -> {
            insertCustomer(connection, "Ada");
            app().save(first);
            app().save(second);
            throw failure;
        })).isSameAs(failure);

        assertThat(customers()).isEmpty();
        assertThat(app().repository().contains(first.id())).isFalse();
        assertThat(app().repository().contains(second.id())).isFalse();
        assertThat(app().recorder().maxNotificationId()).isEqualTo(before);
    }

    @Test
    void recording_listeners_hear_of_a_blocks_saves_only_once_it_has_committed() {
        java.util.List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        app().addRecordingListener(recordings -> recordings.forEach(r -> heard.add(r.notificationId())));
        long before = app().recorder().maxNotificationId();

        assertThatThrownBy(() -> app().transaction(Connection.class, connection -> {
            app().save(Parcel.post("5 Canal Street"));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(heard).isEmpty();

        app().transaction(Connection.class, connection -> {
            app().save(Parcel.post("6 Canal Street"));
            assertThat(heard).isEmpty();
            return null;
        });
        assertThat(heard).containsExactly(before + 1);
    }

    @Test
    void with_the_aggregate_cache_a_rolled_back_save_is_not_served_from_the_cache() {
        Map<String, String> cached = new java.util.HashMap<>(env());
        cached.put("AGGREGATE_CACHE_MAXSIZE", "10");
        cached.put("AGGREGATE_CACHE_FASTFORWARD", "false");
        try (PostOffice office = new PostOffice(cached)) {
            Parcel parcel = Parcel.post("4 Dock Road");
            office.save(parcel);
            office.repository().get(Parcel.class, parcel.id());   // now cached at version 1

            assertThatThrownBy(() -> office.transaction(Connection.class, connection -> {
                Parcel inside = office.repository().get(Parcel.class, parcel.id());
                inside.deliver();
                office.save(inside);
                assertThat(office.repository().get(Parcel.class, parcel.id()).delivered()).isTrue();
                throw new IllegalStateException("the van broke down");
            })).hasMessage("the van broke down");

            assertThat(office.repository().get(Parcel.class, parcel.id()).delivered()).isFalse();
            assertThat(office.repository().get(Parcel.class, parcel.id()).version()).isEqualTo(1);
        }
    }

    @Test
    void a_checked_exception_rolls_the_block_back_and_arrives_wrapped_with_it_as_the_cause() {
        Parcel parcel = Parcel.post("4 Dock Street");
        IOException failure = new IOException("the courier is offline");

        assertThatThrownBy(() -> app().transaction(Connection.class, connection -> {
            insertCustomer(connection, "Ada");
            app().save(parcel);
            throw failure;
        })).isInstanceOf(EventSourcingException.class).cause().isSameAs(failure);

        assertThat(customers()).isEmpty();
        assertThat(app().repository().contains(parcel.id())).isFalse();
    }

    @Test
    void after_a_rolled_back_block_the_next_event_takes_the_next_notification_id_without_a_gap() {
        long before = app().recorder().maxNotificationId();
        assertThatThrownBy(() -> app().transaction(Connection.class, connection -> {
            app().save(Parcel.post("5 Rope Walk"), Parcel.post("6 Rope Walk"));
            throw new IllegalStateException("changed our mind");
        })).hasMessage("changed our mind");

        List<Recording> recordings = app().save(Parcel.post("7 Rope Walk"));

        assertThat(recordings).extracting(recording -> recording.notification().id()).containsExactly(before + 1);
    }

    @Test
    void a_nested_block_joins_the_outer_transaction_and_nothing_commits_before_the_outer_block_returns()
            throws Exception {
        Parcel first = Parcel.post("1 Harbour Road");
        Parcel second = Parcel.post("2 Mill Lane");

        app().transaction(Connection.class, outer -> {
            insertCustomer(outer, "Ada");
            app().transaction(Connection.class, inner -> {
                assertThat(inner).isSameAs(outer);
                insertCustomer(inner, "Bob");
                app().save(first);
                return null;
            });
            assertThat(onAnotherThread(() -> app().repository().contains(first.id())))
                    .as("committed when the inner block returned").isFalse();
            app().save(second);
            return null;
        });

        assertThat(customers()).containsExactly("Ada", "Bob");
        assertThat(app().repository().contains(first.id())).isTrue();
        assertThat(app().repository().contains(second.id())).isTrue();
    }

    @Test
    void a_nested_block_that_throws_is_undone_alone_and_an_outer_block_that_catches_its_exception_commits_its_own_work() {
        Parcel outerParcel = Parcel.post("1 Harbour Road");
        Parcel innerParcel = Parcel.post("2 Mill Lane");
        RuntimeException failure = new IllegalStateException("no such street");

        app().transaction(Connection.class, outer -> {
            insertCustomer(outer, "Ada");
            app().save(outerParcel);
            assertThatThrownBy(() -> app().transaction(Connection.class, inner -> {
                insertCustomer(inner, "Bob");
                app().save(innerParcel);
                throw failure;
            })).isSameAs(failure);
            assertThat(app().repository().contains(innerParcel.id())).as("seen after the inner block failed").isFalse();
            return null;
        });

        assertThat(customers()).containsExactly("Ada");
        assertThat(app().repository().contains(outerParcel.id())).isTrue();
        assertThat(app().repository().contains(innerParcel.id())).isFalse();
    }

    @Test
    void a_nested_block_whose_statement_the_database_rejects_is_undone_alone_so_the_outer_block_can_carry_on() {
        Parcel innerParcel = Parcel.post("1 Harbour Road");
        Parcel outerParcel = Parcel.post("2 Mill Lane");

        app().transaction(Connection.class, outer -> {
            insertCustomer(outer, "Ada");
            assertThatThrownBy(() -> app().transaction(Connection.class, inner -> {
                app().save(innerParcel);
                insertCustomer(inner, "Ada");
                return null;
            })).isInstanceOf(IntegrityException.class);
            insertCustomer(outer, "Bob");
            app().save(outerParcel);
            return null;
        });

        assertThat(customers()).containsExactly("Ada", "Bob");
        assertThat(app().repository().contains(innerParcel.id())).isFalse();
        assertThat(app().repository().contains(outerParcel.id())).isTrue();
    }

    @Test
    void an_exception_of_a_nested_block_that_the_outer_block_lets_through_rolls_back_both_blocks() {
        long before = app().recorder().maxNotificationId();
        Parcel outerParcel = Parcel.post("1 Harbour Road");
        Parcel innerParcel = Parcel.post("2 Mill Lane");
        RuntimeException failure = new IllegalStateException("the van broke down");

        assertThatThrownBy(() -> app().transaction(Connection.class, outer -> {
            insertCustomer(outer, "Ada");
            app().save(outerParcel);
            return app().transaction(Connection.class, inner -> {
                insertCustomer(inner, "Bob");
                app().save(innerParcel);
                throw failure;
            });
        })).isSameAs(failure);

        assertThat(customers()).isEmpty();
        assertThat(app().repository().contains(outerParcel.id())).isFalse();
        assertThat(app().repository().contains(innerParcel.id())).isFalse();
        assertThat(app().recorder().maxNotificationId()).isEqualTo(before);
    }

    /** The application of the current test. */
    protected final PostOffice app() {
        if (app == null) {
            throw new IllegalStateException("the post office is opened before each test");
        }
        return app;
    }

    private void insertCustomer(Connection connection, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + customersTable() + " (name) VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }

    /** The committed customers, in name order. */
    private List<String> customers() {
        return app().transaction(Connection.class, connection -> {
            List<String> names = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT name FROM " + customersTable() + " ORDER BY name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    /** Runs work on a new thread, outside this thread's transaction, and returns its result. */
    private static <T> T onAnotherThread(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().name("another-thread").start(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
