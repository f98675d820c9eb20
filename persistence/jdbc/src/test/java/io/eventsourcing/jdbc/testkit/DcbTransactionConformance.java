package io.eventsourcing.jdbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.tck.dcb.CourseEvents.StudentSubscribed;
import io.eventsourcing.tck.dcb.CourseModels;
import io.eventsourcing.tck.dcb.Courses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A DCB application's decisions and appends in a transaction outside it, on a SQL backend: the
 * caller's rows and the appended events commit together or not at all, a decision in the block sees
 * the block's own appends, and appends are announced once the block has committed. Extend it with the
 * backend's settings; the caller's table is created if it does not exist.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class DcbTransactionConformance {
    private @Nullable Courses courses;
    private final List<Recording> announced = new CopyOnWriteArrayList<>();

    /** The backend's settings. */
    protected abstract Map<String, String> env();

    /** The name of the caller's own table, qualified as the backend needs. */
    protected String customersTable() {
        return "customers";
    }

    @BeforeEach
    void openTheCoursesAndCreateTheCallersTable() {
        courses = new Courses(env());
        courses().addRecordingListener(announced::addAll);
        courses().transaction(Connection.class, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + customersTable()
                        + " (name VARCHAR(100) NOT NULL PRIMARY KEY)");
            }
            return null;
        });
        courses().defineCourse("c1", 10);
        announced.clear();
    }

    @AfterEach
    void closeTheCourses() {
        if (courses != null) {
            courses.close();
        }
    }

    private Courses courses() {
        if (courses == null) {
            throw new IllegalStateException("not opened");
        }
        return courses;
    }

    @Test
    void a_block_commits_the_callers_row_and_the_appends_together_and_announces_them_after() {
        long position = courses().transaction(Connection.class, connection -> {
            insertCustomer(connection, "Ada");
            courses().subscribe("s1", "c1");
            long last = courses().subscribe("s2", "c1");
            assertThat(announced).as("announced inside the block").isEmpty();
            return last;
        });

        assertThat(position).isEqualTo(3);
        assertThat(customers()).containsExactly("Ada");
        assertThat(courses().subscriptions("c1")).isEqualTo(2);
        assertThat(announced).extracting(Recording::notificationId).containsExactly(2L, 3L);
    }

    @Test
    void a_block_that_throws_leaves_neither_the_row_nor_the_appends_and_announces_nothing() {
        assertThatThrownBy(() -> courses().transaction(Connection.class, connection -> {
            insertCustomer(connection, "Ada");
            courses().subscribe("s1", "c1");
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        assertThat(customers()).isEmpty();
        assertThat(courses().subscriptions("c1")).isZero();
        assertThat(courses().recorder().head()).isEqualTo(1);
        assertThat(announced).isEmpty();
        assertThat(courses().subscribe("s1", "c1")).as("the next position, without a gap").isEqualTo(2);
    }

    @Test
    void a_decision_in_the_block_sees_its_appends_which_other_threads_do_not_see_before_it_commits()
            throws Exception {
        courses().transaction(Connection.class, connection -> {
            courses().subscribe("s1", "c1");

            assertThat(courses().subscriptions("c1")).isEqualTo(1);
            assertThat(onAnotherThread(() -> courses().recorder().head())).isEqualTo(1);
            return null;
        });

        assertThat(onAnotherThread(() -> courses().subscriptions("c1"))).isEqualTo(1);
    }

    @Test
    void a_condition_refused_in_the_block_can_be_decided_again_there() {
        courses().transaction(Connection.class, connection -> {
            DecisionModel<Integer> subscriptions = CourseModels.subscriptions("c1");
            Decision stale = courses().decide(subscriptions);
            courses().subscribe("s1", "c1");

            assertThatThrownBy(() -> courses().append(stale, new StudentSubscribed("s2", "c1")))
                    .isInstanceOf(DcbConditionException.class);
            courses().subscribe("s2", "c1");
            insertCustomer(connection, "Ada");
            return null;
        });

        assertThat(courses().subscriptions("c1")).isEqualTo(2);
        assertThat(customers()).containsExactly("Ada");
    }

    private void insertCustomer(Connection connection, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + customersTable() + " (name) VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }

    private List<String> customers() {
        return courses().transaction(Connection.class, connection -> {
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT name FROM " + customersTable() + " ORDER BY name")) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        });
    }

    private static <T> T onAnotherThread(Supplier<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread.ofPlatform().start(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
