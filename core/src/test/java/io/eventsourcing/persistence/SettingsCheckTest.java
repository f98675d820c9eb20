package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.SettingsCheck.Finding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SettingsCheckTest {
    /** The settings of the core and two of the SQL backends, as their modules declare them. */
    private static final Set<String> KNOWN = Set.of("PERSISTENCE_MODULE", "INFRASTRUCTURE_FACTORY",
            "IS_SNAPSHOTTING_ENABLED", "COMPRESSOR_TOPIC", "CIPHER_TOPIC", "CIPHER_KEY", "CREATE_TABLE",
            "AGGREGATE_CACHE_MAXSIZE", "AGGREGATE_CACHE_FASTFORWARD", "SQLITE_DBNAME", "SQLITE_LOCK_TIMEOUT",
            "JDBC_URL", "JDBC_USER", "JDBC_PASSWORD", "POSTGRES_DBNAME", "POSTGRES_HOST", "POSTGRES_PORT",
            "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_SCHEMA");

    private static Environment given(Map<String, String> env) {
        return Environment.of("DogSchool", env, Map.of());
    }

    private static Environment fromProcess(Map<String, String> process) {
        return Environment.of("DogSchool", Map.of(), process);
    }

    private static List<Finding> findings(Environment environment) {
        return SettingsCheck.findings(environment, KNOWN);
    }

    private static void check(Environment environment) {
        SettingsCheck.check(environment, KNOWN);
    }

    @Nested
    class a_misspelled_persistence_module_is_refused {
        @Test
        void when_nothing_else_picks_the_backend_and_the_events_would_be_lost() {
            assertThatThrownBy(() -> check(given(Map.of("PERSISTANCE_MODULE", "sqlite", "SQLITE_DBNAME", "dogs.db"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("PERSISTANCE_MODULE (given to DogSchool) is not a setting: did you mean "
                            + "PERSISTENCE_MODULE? It picks the backend, so it is refused rather than ignored: "
                            + "DogSchool would keep its events in memory and lose them at exit");
        }

        @Test
        void when_it_would_override_the_plain_setting_for_this_application() {
            assertThatThrownBy(() -> check(given(Map.of("PERSISTENCE_MODULE", "memory",
                    "DOGSCHOOL_PERSISTANCE_MODULE", "sqlite"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("DOGSCHOOL_PERSISTANCE_MODULE (given to DogSchool) is not a setting: "
                            + "did you mean DOGSCHOOL_PERSISTENCE_MODULE?")
                    .hasMessageEndingWith("DogSchool would use PERSISTENCE_MODULE=memory");
        }

        @Test
        void when_written_in_lower_case() {
            assertThatThrownBy(() -> check(given(Map.of("persistence_module", "sqlite"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("persistence_module (given to DogSchool) is not a setting: did you mean "
                            + "PERSISTENCE_MODULE?");
        }

        @Test
        void as_is_its_alias_infrastructure_factory() {
            assertThatThrownBy(() -> check(given(Map.of("INFRASTRUCTURE_FACTROY", "com.example.Factory"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("did you mean INFRASTRUCTURE_FACTORY?");
        }

        @Test
        void also_from_the_process_environment() {
            assertThatThrownBy(() -> check(fromProcess(Map.of("PERSISTENCE_MODUL", "sqlite"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("PERSISTENCE_MODUL (in the process environment of DogSchool) is not a "
                            + "setting: did you mean PERSISTENCE_MODULE?");
        }

        @Test
        void when_an_application_is_constructed() {
            class Dogs extends Application {
                Dogs(Map<String, String> env) { super(env); }
            }

            assertThatThrownBy(() -> new Dogs(Map.of("PERSISTANCE_MODULE", "memory")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("PERSISTANCE_MODULE (given to Dogs) is not a setting: did you mean "
                            + "PERSISTENCE_MODULE?");
        }
    }

    @Nested
    class a_variable_given_to_the_application_is_reported {
        @Test
        void when_it_resembles_a_setting() {
            assertThat(findings(given(Map.of("IS_SNAPSHOTING_ENABLED", "true", "POSTGRES_SCHEME", "dogs",
                    "SQLITE_DBNMAE", "dogs.db"))))
                    .extracting(Finding::variable, Finding::given, Finding::resembles)
                    .containsExactly(
                            tuple("IS_SNAPSHOTING_ENABLED", true, "IS_SNAPSHOTTING_ENABLED"),
                            tuple("POSTGRES_SCHEME", true, "POSTGRES_SCHEMA"),
                            tuple("SQLITE_DBNMAE", true, "SQLITE_DBNAME"));
        }

        @Test
        void when_it_resembles_a_setting_with_the_application_prefix() {
            assertThat(findings(given(Map.of("DOGSCHOOL_IS_SNAPSHOTING_ENABLED", "true", "DOGSCHOOL_CREATE_TABEL",
                    "false"))))
                    .extracting(Finding::variable, Finding::resembles)
                    .containsExactly(
                            tuple("DOGSCHOOL_CREATE_TABEL", "DOGSCHOOL_CREATE_TABLE"),
                            tuple("DOGSCHOOL_IS_SNAPSHOTING_ENABLED", "DOGSCHOOL_IS_SNAPSHOTTING_ENABLED"));
        }

        @Test
        void when_a_setting_starts_with_it_or_it_starts_with_a_setting() {
            assertThat(findings(given(Map.of("JDBC_USERNAME", "root", "POSTGRES_DB", "dogs"))))
                    .extracting(Finding::variable, Finding::resembles)
                    .containsExactly(tuple("JDBC_USERNAME", "JDBC_USER"), tuple("POSTGRES_DB", "POSTGRES_DBNAME"));
        }

        @Test
        void when_it_carries_the_application_prefix_without_naming_a_setting() {
            List<Finding> findings = findings(given(Map.of("DOGSCHOOL_GREETING", "woof")));

            assertThat(findings).extracting(Finding::variable, Finding::resembles)
                    .containsExactly(tuple("DOGSCHOOL_GREETING", null));
            assertThat(SettingsCheck.message(findings.getFirst(), given(Map.of())))
                    .isEqualTo("DOGSCHOOL_GREETING (given to DogSchool) starts with the application's prefix "
                            + "DOGSCHOOL_ but names no setting, and is ignored; declare a setting of your own with "
                            + "a io.eventsourcing.persistence.SettingNames service");
        }

        @Test
        void as_a_warning_naming_the_setting_it_resembles() {
            Finding finding = findings(given(Map.of("IS_SNAPSHOTING_ENABLED", "true"))).getFirst();

            assertThat(SettingsCheck.message(finding, given(Map.of())))
                    .isEqualTo("IS_SNAPSHOTING_ENABLED (given to DogSchool) is not a setting and is ignored: "
                            + "did you mean IS_SNAPSHOTTING_ENABLED?");
        }

        @Test
        void in_the_log_once_per_process() {
            Environment environment = given(Map.of("AGGREGATE_CACHE_MAXSIZ", "100"));
            String log = stderrOf(() -> {
                check(environment);
                check(environment);
            });

            assertThat(log).containsOnlyOnce("WARN io.eventsourcing.persistence.SettingsCheck - "
                    + "AGGREGATE_CACHE_MAXSIZ (given to DogSchool) is not a setting and is ignored: did you mean "
                    + "AGGREGATE_CACHE_MAXSIZE?");
        }
    }

    @Nested
    class nothing_is_reported {
        @Test
        void for_the_settings_plain_or_prefixed_and_for_other_applications_settings() {
            assertThat(findings(given(Map.of("PERSISTENCE_MODULE", "sqlite", "DOGSCHOOL_SQLITE_DBNAME", "dogs.db",
                    "ORDERS_PERSISTENCE_MODULE", "memory", "ORDERS_IS_SNAPSHOTTING_ENABLED", "true",
                    "DOGSCHOOL2_CREATE_TABLE", "false")))).isEmpty();
        }

        @Test
        void for_a_misspelled_variable_without_a_value() {
            assertThat(findings(given(Map.of("IS_SNAPSHOTING_ENABLED", " ")))).isEmpty();
        }

        @Test
        void for_a_given_variable_unlike_any_setting() {
            assertThat(findings(given(Map.of("GREETING", "woof", "TIMEOUT", "5")))).isEmpty();
        }

        @Test
        void for_the_process_environment_of_other_tools_that_shares_words_with_settings() {
            assertThat(findings(fromProcess(Map.ofEntries(
                    Map.entry("PATH", "/usr/bin"), Map.entry("HOME", "/root"), Map.entry("USER", "root"),
                    Map.entry("JAVA_HOME", "/usr/lib/jvm"), Map.entry("MAVEN_OPTS", "-Xmx1g"),
                    Map.entry("POSTGRES_DB", "app"), Map.entry("POSTGRES_INITDB_ARGS", "--data-checksums"),
                    Map.entry("POSTGRES_HOST_AUTH_METHOD", "trust"), Map.entry("PGDATA", "/var/lib/pg"),
                    Map.entry("JDBC_USERNAME", "sa"), Map.entry("CIPHER_KEYS_DIR", "/etc/keys"),
                    Map.entry("DOGSCHOOL_HOME", "/srv/dogschool"), Map.entry("http_proxy", "http://proxy"))))).isEmpty();
        }
    }

    @Test
    void from_the_process_environment_a_close_look_alike_is_reported() {
        assertThat(findings(fromProcess(Map.of("IS_SNAPSHOTING_ENABLED", "true", "DOGSCHOOL_CREATE_TABEL", "no"))))
                .extracting(Finding::variable, Finding::given, Finding::resembles)
                .containsExactly(
                        tuple("DOGSCHOOL_CREATE_TABEL", false, "DOGSCHOOL_CREATE_TABLE"),
                        tuple("IS_SNAPSHOTING_ENABLED", false, "IS_SNAPSHOTTING_ENABLED"));
    }

    @Test
    void the_known_settings_are_those_the_modules_declare() {
        assertThat(KnownSettings.names()).contains("PERSISTENCE_MODULE", "IS_SNAPSHOTTING_ENABLED",
                "AGGREGATE_CACHE_MAXSIZE", "CIPHER_KEY");
    }

    @Test
    void the_distance_counts_a_swap_of_neighbours_as_one_edit_and_stops_above_the_limit() {
        assertThat(SettingsCheck.distance("PERSISTANCE_MODULE", "PERSISTENCE_MODULE", 2)).isEqualTo(1);
        assertThat(SettingsCheck.distance("CIPHER_KYE", "CIPHER_KEY", 2)).isEqualTo(1);
        assertThat(SettingsCheck.distance("IS_SNAPSHOTING_ENABLD", "IS_SNAPSHOTTING_ENABLED", 2)).isEqualTo(2);
        assertThat(SettingsCheck.distance("PATH", "JDBC_URL", 2)).isEqualTo(3);
        assertThat(SettingsCheck.distance("JDBC_URL", "JDBC_URL", 0)).isZero();
    }

    @Test
    void the_in_memory_default_is_announced_once() {
        DefaultBackendNotice notice = new DefaultBackendNotice();

        assertThat(notice.tell(given(Map.of()))).startsWith("DogSchool keeps its events in memory, the default "
                + "when PERSISTENCE_MODULE is not set: they are not persisted and are lost when the process exits.");
        assertThat(notice.tell(given(Map.of()))).isNull();
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
