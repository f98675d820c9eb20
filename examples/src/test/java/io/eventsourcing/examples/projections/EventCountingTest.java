package io.eventsourcing.examples.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.examples.Postgres;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.ProjectionRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EventCountingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void a_view_needs_a_sql_database() {
        assertThatThrownBy(() -> new EventCounters(Map.of("PERSISTENCE_MODULE", "memory")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EventCounters keeps its view in SQL tables");
    }

    @Nested
    class on_sqlite extends Scenarios {
        @TempDir
        Path directory;

        @Override
        Map<String, String> env() {
            return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve("school.db").toString());
        }
    }

    @Nested
    class on_postgresql extends Scenarios {
        private Map<String, String> env = Map.of();

        @BeforeEach
        void schema() {
            env = Postgres.env("examples_counters");
        }

        @Override
        Map<String, String> env() {
            return env;
        }
    }

    /** What the view does on every database; the school's events and the view share the database. */
    abstract static class Scenarios {
        abstract Map<String, String> env();

        @Test
        @Timeout(60)
        void counts_the_events_recorded_before_it_started_then_those_recorded_after() {
            Map<String, String> env = env();
            // tag::projection-runner[]
            try (var school = new TrainingSchool(env);
                    var counters = new EventCounters(env)) {
                school.register("Fido");
                school.addTrick("Fido", "roll over");
                try (var runner = new ProjectionRunner<>(school, new EventCounting(counters))) {   // catches up
                    school.register("Buster");                                                    // and follows
                    runner.wait(school.recorder().maxNotificationId(), Duration.ofSeconds(10));    // read your writes

                    assertThat(counters.counts()).isEqualTo(Map.of("Registered", 2L, "TrickAdded", 1L));
                }
            }
            // end::projection-runner[]
        }

        @Test
        @Timeout(60)
        void a_new_runner_continues_where_the_view_left_off() {
            Map<String, String> env = env();
            try (var school = new TrainingSchool(env)) {
                try (var counters = new EventCounters(env);
                        var runner = new ProjectionRunner<>(school, new EventCounting(counters))) {
                    school.register("Fido");
                    runner.wait(1, TIMEOUT);
                }
                school.addTrick("Fido", "roll over");                      // while no runner runs
                school.addTrick("Fido", "play dead");

                try (var counters = new EventCounters(env);
                        var runner = new ProjectionRunner<>(school, new EventCounting(counters))) {
                    school.register("Buster");
                    runner.wait(4, TIMEOUT);

                    assertThat(counters.counts()).isEqualTo(Map.of("Registered", 2L, "TrickAdded", 2L));
                    assertThat(counters.maxTrackingId("TrainingSchool")).isEqualTo(4);
                    assertThat(runner.error()).isNull();
                }
            }
        }

        @Test
        void a_change_and_its_tracking_position_commit_together_or_not_at_all() {
            try (var counters = new EventCounters(env())) {
                // tag::view-atomic[]
                counters.increment("Registered", new Tracking("TrainingSchool", 1));

                assertThatThrownBy(() -> counters.increment("Registered", new Tracking("TrainingSchool", 1)))
                        .isInstanceOf(IntegrityException.class);        // processed already: rolled back
                assertThat(counters.count("Registered")).isEqualTo(1);
                // end::view-atomic[]
                assertThat(counters.maxTrackingId("TrainingSchool")).isEqualTo(1);
                assertThat(counters.count("TrickAdded")).isZero();
            }
        }
    }
}
