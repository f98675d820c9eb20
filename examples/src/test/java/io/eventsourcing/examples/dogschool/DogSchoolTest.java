package io.eventsourcing.examples.dogschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.RecordConflictException;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Recording;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DogSchoolTest {
    private final TrainingSchool school = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        school.close();
    }

    @Test
    void the_quick_start_runs_as_the_readme_shows() throws java.io.IOException {
        deleteDatabase("dogs.db");
        try {
            // tag::usage[]
            try (var school = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", "dogs.db"))) {
                school.register("Fido");
                school.addTrick("Fido", "roll over");
                assert school.tricks("Fido").equals(List.of("roll over"));
            }
            // end::usage[]
            try (var reopened = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", "dogs.db"))) {
                assertThat(reopened.tricks("Fido")).containsExactly("roll over");
            }
        } finally {
            deleteDatabase("dogs.db");
        }
    }

    /** Deletes a SQLite database file and its WAL companions from the working directory. */
    static void deleteDatabase(String name) throws java.io.IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(name + suffix));
        }
    }

    @Test
    void assertions_are_enabled_so_the_readme_assert_is_checked() {
        boolean enabled = false;
        assert enabled = true;
        assertThat(enabled).as("the JVM running the tests must have -ea").isTrue();
    }

    @Test
    void a_registered_dog_learns_tricks_in_order() {
        school.register("Fido");
        school.addTrick("Fido", "roll over");
        school.addTrick("Fido", "play dead");

        assertThat(school.tricks("Fido")).containsExactly("roll over", "play dead");
    }

    @Test
    void dogs_are_kept_apart() {
        school.register("Fido");
        school.register("Buster");
        school.addTrick("Fido", "roll over");
        school.addTrick("Buster", "fetch");

        assertThat(school.tricks("Fido")).containsExactly("roll over");
        assertThat(school.tricks("Buster")).containsExactly("fetch");
    }

    @Test
    void a_dog_id_is_the_same_as_python_uuid5_of_the_url_namespace() {
        assertThat(Dog.createId("Fido")).isEqualTo(UUID.fromString("1e1d7398-8986-57af-bb01-11a89b2f8b02"));
        assertThat(Dog.createId("Fido").version()).isEqualTo(5);
        assertThat(Dog.createId("Buster")).isNotEqualTo(Dog.createId("Fido"));
    }

    @Test
    void the_registered_dog_has_the_name_based_id() {
        school.register("Fido");

        Dog fido = school.repository().get(Dog.createId("Fido"));
        assertThat(fido.id()).isEqualTo(UUID.fromString("1e1d7398-8986-57af-bb01-11a89b2f8b02"));
        assertThat(fido.version()).isEqualTo(1);
    }

    @Test
    void an_unknown_dog_is_not_found() {
        assertThatThrownBy(() -> school.tricks("Rex"))
                .isInstanceOf(AggregateNotFoundException.class)
                .hasMessageContaining(Dog.createId("Rex").toString());
        assertThatThrownBy(() -> school.addTrick("Rex", "sit")).isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void registering_the_same_name_twice_conflicts_and_records_nothing_more() {
        school.register("Fido");
        school.addTrick("Fido", "roll over");

        assertThatThrownBy(() -> school.register("Fido"))
                .isInstanceOf(RecordConflictException.class)
                .hasMessageContaining(Dog.createId("Fido").toString());
        assertThat(school.recorder().maxNotificationId()).isEqualTo(2);
        assertThat(school.tricks("Fido")).containsExactly("roll over");
    }

    @Test
    void a_stale_copy_of_a_dog_cannot_overwrite_newer_events() {
        school.register("Fido");
        Dog first = school.repository().get(Dog.createId("Fido"));
        Dog second = school.repository().get(Dog.createId("Fido"));
        first.addTrick("roll over");
        school.save(first);

        second.addTrick("play dead");
        assertThatThrownBy(() -> school.save(second)).isInstanceOf(RecordConflictException.class);
        assertThat(second.pendingEvents()).hasSize(1);
        assertThat(school.tricks("Fido")).containsExactly("roll over");
    }

    @Test
    void save_returns_the_notification_ids_of_the_recorded_events() {
        school.register("Fido");
        Dog fido = school.repository().get(Dog.createId("Fido"));
        fido.addTrick("roll over");
        fido.addTrick("play dead");

        List<Recording> recordings = school.save(fido);

        assertThat(recordings).extracting(Recording::notificationId).containsExactly(2L, 3L);
        assertThat(recordings).extracting(r -> r.domainEvent().originatorVersion()).containsExactly(2L, 3L);
        assertThat(fido.pendingEvents()).isEmpty();
    }

    @Nested
    class the_repository {

        @Test
        void gets_a_dog_now_or_as_it_was_and_says_whether_it_exists() {
            // tag::repository[]
            school.register("Fido");
            school.addTrick("Fido", "roll over");
            UUID id = Dog.createId("Fido");

            Dog now = school.repository().get(id);                 // the current version
            Dog then = school.repository().get(id, 1);             // as it was at version 1
            Dog typed = school.repository().get(Dog.class, id);    // checked to be a Dog

            assertThat(now.version()).isEqualTo(2);
            assertThat(now.tricks()).containsExactly("roll over");
            assertThat(then.tricks()).isEmpty();
            assertThat(typed.tricks()).isEqualTo(now.tricks());
            assertThat(school.repository().contains(id)).isTrue();
            assertThat(school.repository().contains(Dog.createId("Rex"))).isFalse();
            // end::repository[]
        }

        @Test
        void reports_a_version_the_dog_never_had_as_not_found() {
            school.register("Fido");

            assertThatThrownBy(() -> school.repository().get(Dog.createId("Fido"), 0))
                    .isInstanceOf(AggregateNotFoundException.class);
        }

        @Test
        void hands_out_a_new_instance_on_every_get() {
            school.register("Fido");
            Dog first = school.repository().get(Dog.createId("Fido"));
            first.addTrick("roll over");

            Dog second = school.repository().get(Dog.createId("Fido"));
            assertThat(second).isNotSameAs(first);
            assertThat(second.tricks()).isEmpty();
        }
    }

    @Nested
    class configuration {

        @Test
        void a_variable_prefixed_with_the_application_name_wins() {
            // tag::configuration[]
            Map<String, String> env = Map.of(
                    "PERSISTENCE_MODULE", "memory",
                    "IS_SNAPSHOTTING_ENABLED", "false",
                    "TRAININGSCHOOL_IS_SNAPSHOTTING_ENABLED", "true");   // wins for TrainingSchool
            try (var school = new TrainingSchool(env)) {
                assertThat(school.name()).isEqualTo("TrainingSchool");
                assertThat(school.snapshots()).isPresent();
            }
            // end::configuration[]
        }

        @Test
        void without_the_prefixed_variable_the_plain_one_applies() {
            try (var plain = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "memory",
                    "IS_SNAPSHOTTING_ENABLED", "false"))) {
                assertThat(plain.snapshots()).isEmpty();
            }
        }

        @Test
        void a_bad_value_fails_at_construction_naming_the_variable() {
            // tag::bad-configuration[]
            assertThatThrownBy(() -> new TrainingSchool(Map.of("PERSISTENCE_MODULE", "postgress")))
                    .hasMessageContaining("PERSISTENCE_MODULE 'postgress' is not one of: jdbc, jpa, memory, popo, postgres, postgresql, sqlite");
            assertThatThrownBy(() -> new TrainingSchool(Map.of("IS_SNAPSHOTTING_ENABLED", "maybe")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("IS_SNAPSHOTTING_ENABLED 'maybe' is not a boolean");
            // end::bad-configuration[]
        }

        @Test
        void a_misspelled_persistence_module_fails_at_construction_naming_the_setting_it_resembles() {
            // tag::misspelled-setting[]
            assertThatThrownBy(() -> new TrainingSchool(Map.of("PERSISTANCE_MODULE", "sqlite", "SQLITE_DBNAME", "dogs.db")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("PERSISTANCE_MODULE (given to TrainingSchool) is not a setting: "
                            + "did you mean PERSISTENCE_MODULE?");
            // end::misspelled-setting[]
        }

        @Test
        void a_backend_can_be_named_by_its_factory_class() {
            String factory = "io.eventsourcing.persistence.memory.InMemoryFactory";
            try (var byModule = new TrainingSchool(Map.of("PERSISTENCE_MODULE", factory));
                    var byAlias = new TrainingSchool(Map.of("INFRASTRUCTURE_FACTORY", factory))) {
                byModule.register("Fido");
                byAlias.register("Fido");

                assertThat(byModule.factory().getClass().getName()).isEqualTo(factory);
                assertThat(byAlias.factory().getClass().getName()).isEqualTo(factory);
            }
        }

        @Test
        void with_a_cache_a_dog_is_still_up_to_date_and_a_new_instance_on_every_get() {
            try (var cached = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "memory",
                    "AGGREGATE_CACHE_MAXSIZE", "10"))) {
                cached.register("Fido");
                assertThat(cached.tricks("Fido")).isEmpty();
                cached.addTrick("Fido", "roll over");

                assertThat(cached.tricks("Fido")).containsExactly("roll over");
                UUID id = Dog.createId("Fido");
                assertThat(cached.repository().<Dog>get(id)).isNotSameAs(cached.repository().get(id));
            }
        }

        @Test
        void popo_is_pyeventsourcings_name_for_the_in_memory_backend() {
            try (var popo = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "popo"))) {
                popo.register("Fido");
                assertThat(popo.tricks("Fido")).isEmpty();
                assertThat(popo.factory().getClass().getSimpleName()).isEqualTo("InMemoryFactory");
            }
        }
    }
}
