package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EnvironmentTest {

    @Test
    void a_variable_prefixed_with_the_application_name_wins_over_the_plain_one() {
        Environment env = Environment.isolated("DogSchool", Map.of("PERSISTENCE_MODULE", "memory",
                "DOGSCHOOL_PERSISTENCE_MODULE", "popo"));

        assertThat(env.get("PERSISTENCE_MODULE")).contains("popo");
        assertThat(env.sourceOf("PERSISTENCE_MODULE")).isEqualTo("DOGSCHOOL_PERSISTENCE_MODULE");
        assertThat(env.withName("Other").get("PERSISTENCE_MODULE")).contains("memory");
    }

    @Test
    void the_given_map_is_merged_over_the_process_environment() {
        Environment env = Environment.of("app", Map.of("PATH", "given"));

        assertThat(env.get("PATH")).contains("given");
        assertThat(env.get("HOME")).isEqualTo(java.util.Optional.ofNullable(System.getenv("HOME")).filter(s -> !s.isBlank()));
    }

    @Test
    void blank_values_count_as_unset() {
        Environment env = Environment.isolated("app", Map.of("A", "  ", "APP_B", ""));

        assertThat(env.get("A")).isEmpty();
        assertThat(env.contains("B")).isFalse();
        assertThat(env.get("A", "fallback")).isEqualTo("fallback");
    }

    @Test
    void booleans_accept_pythons_spellings_and_reject_others_naming_the_variable() {
        Environment env = Environment.isolated("app", Map.of("Y", "yes", "N", "Off", "BAD", "maybe"));

        assertThat(env.getBoolean("Y", false)).isTrue();
        assertThat(env.getBoolean("N", true)).isFalse();
        assertThat(env.getBoolean("UNSET", true)).isTrue();
        assertThatThrownBy(() -> env.getBoolean("BAD", false)).isInstanceOf(ConfigurationException.class)
                .hasMessage("BAD 'maybe' is not a boolean: use one of true, false (or y, yes, t, on, 1 / n, no, f, off, 0)");
    }

    @Test
    void numbers_are_parsed_and_bad_ones_name_the_variable() {
        Environment env = Environment.isolated("app", Map.of("SIZE", "5", "APP_TIMEOUT", "0.25", "BAD", "five"));

        assertThat(env.getInt("SIZE", 1)).isEqualTo(5);
        assertThat(env.getSeconds("TIMEOUT", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> env.getInt("BAD", 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("BAD 'five' is not an integer");
        assertThatThrownBy(() -> env.getInt("SIZE", 1, 10, 20)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("from 10 to 20");
        assertThatThrownBy(() -> env.getSeconds("BAD", Duration.ZERO)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("BAD 'five' is not a number of seconds");
    }
}
