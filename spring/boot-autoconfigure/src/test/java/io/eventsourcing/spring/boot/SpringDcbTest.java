package io.eventsourcing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.spring.boot.internal.SpringFactory;
import io.eventsourcing.tck.dcb.Courses;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * A DCB application as a bean on the context's {@code DataSource} (SQLite): its tables made by their own
 * Flyway migration, its decisions and appends joining {@code @Transactional} methods.
 */
class SpringDcbTest {
    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class CourseBeans {
        @Bean
        Courses courses(EventSourcingApplications applications) {
            return applications.create(Courses::new);
        }

        @Bean
        Registrar registrar(Courses courses, DataSource dataSource) {
            return new Registrar(courses, new JdbcTemplate(dataSource));
        }
    }

    /** A service whose transactional method writes the user's row and subscribes a student. */
    public static class Registrar {
        private final Courses courses;
        private final JdbcTemplate jdbc;

        Registrar(Courses courses, JdbcTemplate jdbc) {
            this.courses = courses;
            this.jdbc = jdbc;
        }

        /** Records the payment and the subscription together; a declined payment leaves neither. */
        @Transactional
        public long enrol(String studentId, String courseId, boolean declined) {
            jdbc.update("INSERT INTO payments (student, course) VALUES (?, ?)", studentId, courseId);
            long position = courses.subscribe(studentId, courseId);
            if (declined) {
                throw new IllegalStateException("payment declined");
            }
            return position;
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        EventSourcingAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db")
                        + "?transaction_mode=IMMEDIATE")
                .withUserConfiguration(CourseBeans.class);
    }

    @Test
    void a_dcb_application_bean_stores_in_the_contexts_data_source_with_tables_made_by_flyway() {
        int[] historyRows = new int[1];
        runner().run(context -> {
            Courses courses = context.getBean(Courses.class);
            assertThat(courses.factory()).isInstanceOf(SpringFactory.class);
            courses.defineCourse("c1", 10);
            courses.subscribe("s1", "c1");

            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM courses_dcb_events", Integer.class)).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT MAX(version) FROM courses_dcb_schema_history WHERE success = 1",
                    String.class)).isEqualTo("1");
            historyRows[0] = jdbc.queryForObject("SELECT COUNT(*) FROM courses_dcb_schema_history", Integer.class);
        });
        runner().run(context -> {
            assertThat(context.getBean(Courses.class).subscriptions("c1")).isEqualTo(1);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM courses_dcb_schema_history", Integer.class))
                    .as("nothing more to migrate").isEqualTo(historyRows[0]);
        });
    }

    @Test
    void a_transactional_method_commits_the_users_row_and_the_subscription_together_or_neither() {
        runner().run(context -> {
            Courses courses = context.getBean(Courses.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            jdbc.execute("CREATE TABLE payments (student TEXT, course TEXT)");
            courses.defineCourse("c1", 10);
            List<Recording> announced = new CopyOnWriteArrayList<>();
            courses.addRecordingListener(announced::addAll);
            Registrar registrar = context.getBean(Registrar.class);

            assertThat(registrar.enrol("s1", "c1", false)).isEqualTo(2);
            assertThatThrownBy(() -> registrar.enrol("s2", "c1", true)).hasMessage("payment declined");

            assertThat(jdbc.queryForList("SELECT student FROM payments", String.class)).containsExactly("s1");
            assertThat(courses.subscriptions("c1")).isEqualTo(1);
            assertThat(announced).as("only the committed subscription").extracting(Recording::notificationId)
                    .containsExactly(2L);
            assertThat(registrar.enrol("s3", "c1", false)).as("the next position, without a gap").isEqualTo(3);
        });
    }

    @Test
    void without_the_migration_a_missing_dcb_table_fails_naming_it() {
        runner().withPropertyValues("eventsourcing.flyway-enabled=false")
                .withUserConfiguration(EventTables.class)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("the table courses_dcb_events does not exist")
                        .hasMessageContaining("CREATE_TABLE is false"));
    }

    /** Makes the application's aggregate tables, as a migration of the user's own would, but not its DCB tables. */
    @Configuration(proxyBeanMethods = false)
    static class EventTables {
        EventTables(DataSource dataSource) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE IF NOT EXISTS courses_events (originator_id TEXT, originator_version "
                    + "INTEGER, topic TEXT, state BLOB, notification_id INTEGER)");
        }
    }
}
