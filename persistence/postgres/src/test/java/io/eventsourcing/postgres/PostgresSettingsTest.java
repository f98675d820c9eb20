package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code POSTGRES_*} settings: pyeventsourcing's defaults, and failures that name the variable. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresSettingsTest {
    private static final Map<String, String> REQUIRED = Map.of("POSTGRES_DBNAME", "parcels", "POSTGRES_HOST",
            "db.example.org", "POSTGRES_USER", "clerk");

    static PostgresSettings settings(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.putAll(more);
        return PostgresSettings.from(Environment.isolated("Parcels", env));
    }

    @Test
    void what_is_not_set_takes_pyeventsourcings_defaults() {
        PostgresSettings settings = settings(Map.of());

        assertThat(settings.port()).isEqualTo(5432);
        assertThat(settings.poolSize()).isEqualTo(5);
        assertThat(settings.maxOverflow()).isEqualTo(10);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ZERO);
        assertThat(settings.idleInTransactionSessionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.connMaxAge()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(settings.prePing()).isFalse();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.password()).isNull();
        assertThat(settings.schema()).isNull();
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example.org:5432/parcels");
    }

    @Test
    void every_variable_is_read() {
        PostgresSettings settings = settings(Map.ofEntries(Map.entry("POSTGRES_PORT", "6543"),
                Map.entry("POSTGRES_PASSWORD", "s3cret"), Map.entry("POSTGRES_SCHEMA", "post"),
                Map.entry("POSTGRES_POOL_SIZE", "2"), Map.entry("POSTGRES_MAX_OVERFLOW", "3"),
                Map.entry("POSTGRES_CONNECT_TIMEOUT", "4"), Map.entry("POSTGRES_LOCK_TIMEOUT", "0.5"),
                Map.entry("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", "6"), Map.entry("POSTGRES_CONN_MAX_AGE", "70"),
                Map.entry("POSTGRES_PRE_PING", "true"), Map.entry("POSTGRES_POLL_INTERVAL", "0.25")));

        assertThat(settings).isEqualTo(new PostgresSettings("parcels", "db.example.org", 6543, "clerk", "s3cret", "post",
                2, 3, Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(6), Duration.ofSeconds(70),
                true, Duration.ofMillis(250)));
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POSTGRES_DBNAME", "POSTGRES_HOST", "POSTGRES_USER"})
    void a_missing_required_variable_fails_naming_it(String variable) {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.remove(variable);

        assertThatThrownBy(() -> PostgresSettings.from(Environment.isolated("Parcels", env)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(variable + " is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POSTGRES_PORT", "POSTGRES_POOL_SIZE", "POSTGRES_MAX_OVERFLOW"})
    void an_integer_that_is_not_one_fails_naming_the_variable(String variable) {
        assertThatThrownBy(() -> settings(Map.of(variable, "five")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(variable + " 'five' is not an integer");
    }

    @Test
    void an_integer_out_of_range_fails_naming_the_variable_and_the_range() {
        assertThatThrownBy(() -> settings(Map.of("POSTGRES_PORT", "70000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("POSTGRES_PORT '70000' is out of range")
                .hasMessageContaining("1 to 65535");
    }

    @Test
    void a_duration_or_a_flag_that_is_not_one_fails_naming_the_variable() {
        assertThatThrownBy(() -> settings(Map.of("POSTGRES_LOCK_TIMEOUT", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("POSTGRES_LOCK_TIMEOUT 'soon' is not a number of seconds");
        assertThatThrownBy(() -> settings(Map.of("POSTGRES_PRE_PING", "maybe")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("POSTGRES_PRE_PING 'maybe' is not a boolean");
        assertThatThrownBy(() -> settings(Map.of("POSTGRES_CONN_MAX_AGE", "10")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("POSTGRES_CONN_MAX_AGE '10' is too short");
    }

    @Test
    void a_value_set_under_the_applications_prefix_is_named_with_the_prefix() {
        assertThatThrownBy(() -> settings(Map.of("PARCELS_POSTGRES_POOL_SIZE", "lots")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("PARCELS_POSTGRES_POOL_SIZE 'lots' is not an integer");
    }

    @Test
    void the_factory_fails_at_construction_when_a_setting_is_bad() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("PERSISTENCE_MODULE", "postgres");
        env.remove("POSTGRES_HOST");

        assertThatThrownBy(() -> InfrastructureFactory.construct(Environment.isolated("Parcels", env)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("POSTGRES_HOST is not set");
    }
}
