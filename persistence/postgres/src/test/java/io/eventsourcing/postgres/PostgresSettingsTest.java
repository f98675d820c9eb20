package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.PoolSettings;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
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
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ZERO);
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ZERO);
        assertThat(settings.idleInTransactionSessionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.connMaxAge()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(settings.prePing()).isFalse();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.password()).isNull();
        assertThat(settings.schema()).isNull();
        assertThat(settings.target()).isEqualTo("PostgreSQL at db.example.org:5432, database parcels, user clerk");
    }

    @Test
    void every_variable_is_read() {
        PostgresSettings settings = settings(Map.ofEntries(Map.entry("POSTGRES_PORT", "6543"),
                Map.entry("POSTGRES_PASSWORD", "s3cret"), Map.entry("POSTGRES_SCHEMA", "post"),
                Map.entry("POSTGRES_POOL_SIZE", "2"), Map.entry("POSTGRES_MAX_OVERFLOW", "3"),
                Map.entry("POSTGRES_CONNECT_TIMEOUT", "4"), Map.entry("POSTGRES_LOCK_TIMEOUT", "0.5"),
                Map.entry("POSTGRES_STATEMENT_TIMEOUT", "7"),
                Map.entry("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", "6"), Map.entry("POSTGRES_CONN_MAX_AGE", "70"),
                Map.entry("POSTGRES_PRE_PING", "true"), Map.entry("POSTGRES_POLL_INTERVAL", "0.25"),
                Map.entry("POSTGRES_REPLICA_HOSTS", "replica1,replica2:6544"), Map.entry("POSTGRES_REPLICA_READS", "ALL")));

        assertThat(settings).isEqualTo(new PostgresSettings("parcels", "db.example.org", 6543, "clerk", "s3cret", "post",
                2, 3, Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(7), Duration.ofSeconds(6),
                Duration.ofSeconds(70),
                true, Duration.ofMillis(250), "replica1,replica2:6544", PostgresSettings.ReplicaReads.ALL));
        assertThat(settings.replicas()).containsExactly(new PostgresSettings.Host("replica1", 6543),
                new PostgresSettings.Host("replica2", 6544));
        assertThat(settings.toString()).doesNotContain("s3cret").contains("replicas=replica1:6543,replica2:6544");
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

    @Nested
    class Values_reach_the_driver_as_properties_never_in_the_url {

        @Test
        void the_host_port_and_database_are_the_drivers_PGHOST_PGPORT_and_PGDBNAME() {
            PoolSettings pool = PostgresFactory.poolSettings(settings(Map.of("POSTGRES_DBNAME", "parcels?ssl=false&x=1",
                    "POSTGRES_PORT", "6543")), "Parcels");

            assertThat(pool.url()).isEqualTo("jdbc:postgresql://");
            assertThat(pool.properties()).containsEntry("PGHOST", "db.example.org").containsEntry("PGPORT", "6543")
                    .containsEntry("PGDBNAME", "parcels?ssl=false&x=1");
            assertThat(pool.target()).isEqualTo(
                    "PostgreSQL at db.example.org:6543, database parcels?ssl=false&x=1, user clerk");
        }

        @Test
        void several_hosts_are_tried_in_turn_on_the_same_port() {
            PoolSettings pool = PostgresFactory.poolSettings(settings(Map.of("POSTGRES_HOST", "db1.example.org,10.0.0.2")),
                    "Parcels");

            assertThat(pool.properties()).containsEntry("PGHOST", "db1.example.org,10.0.0.2")
                    .containsEntry("PGPORT", "5432,5432");
        }

        @Test
        void each_host_may_have_its_own_port_and_several_hosts_target_the_primary() {
            PoolSettings pool = PostgresFactory.poolSettings(settings(Map.of("POSTGRES_HOST",
                    "db1.example.org:5433,10.0.0.2,[::1]:5434,fe80::1", "POSTGRES_PORT", "6000")), "Parcels");

            assertThat(pool.properties()).containsEntry("PGHOST", "db1.example.org,10.0.0.2,[::1],fe80::1")
                    .containsEntry("PGPORT", "5433,6000,5434,6000")
                    .containsEntry("targetServerType", "primary");
            assertThat(pool.target()).isEqualTo("PostgreSQL at db1.example.org:5433,10.0.0.2:6000,[::1]:5434,"
                    + "[fe80::1]:6000, database parcels, user clerk");
        }

        @Test
        void one_host_is_used_whatever_it_is() {
            PoolSettings pool = PostgresFactory.poolSettings(settings(Map.of("POSTGRES_HOST", "db.example.org:5433")),
                    "Parcels");

            assertThat(pool.properties()).containsEntry("PGPORT", "5433").doesNotContainKey("targetServerType");
        }

        @ParameterizedTest
        @ValueSource(strings = {"db.example.org/other?sslmode=disable", "db.example.org:70000", "db.example.org:",
                "db.example.org:port", "db example.org", "db.example.org&socketFactory=x", "db.example.org,",
                "-db.example.org", "[::1]x", "db.example.org:5432:1"})
        void a_host_that_is_not_a_host_name_or_address_is_refused(String host) {
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_HOST", host)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_HOST '" + host + "' is not a host name or IP address");
        }

        @Test
        void read_replicas_have_a_pool_of_their_own_that_prefers_standbys_and_spreads_over_them() {
            PoolSettings pool = PostgresFactory.replicaPoolSettings(settings(Map.of("POSTGRES_REPLICA_HOSTS",
                    "r1.example.org:5433,r2.example.org")), "Parcels");

            assertThat(pool.properties()).containsEntry("PGHOST", "r1.example.org,r2.example.org")
                    .containsEntry("PGPORT", "5433,5432").containsEntry("PGDBNAME", "parcels")
                    .containsEntry("targetServerType", "preferSecondary").containsEntry("loadBalanceHosts", "true");
            assertThat(pool.name()).isEqualTo("eventsourcing-postgres-Parcels-replicas");
            assertThat(pool.target()).isEqualTo("PostgreSQL read replicas at r1.example.org:5433,r2.example.org:5432, "
                    + "database parcels, user clerk");
        }

        @Test
        void read_replicas_are_checked_as_hosts_are_and_which_reads_go_there_is_log_or_all() {
            assertThat(settings(Map.of()).replicas()).isEmpty();
            assertThat(settings(Map.of("POSTGRES_REPLICA_HOSTS", "r1")).replicaReads())
                    .isEqualTo(PostgresSettings.ReplicaReads.LOG);
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_REPLICA_HOSTS", "r1;drop")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_REPLICA_HOSTS 'r1;drop' is not a host name or IP address");
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_REPLICA_HOSTS", "r1", "POSTGRES_REPLICA_READS", "some")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("POSTGRES_REPLICA_READS 'some' is not one of: log, all");
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_REPLICA_READS", "all")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_REPLICA_READS is set but POSTGRES_REPLICA_HOSTS is not");
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "localhost", "db-1.eu-west.example.org", "::1", "[::1]", "fe80::1%eth0"})
        void host_names_and_addresses_are_accepted(String host) {
            assertThat(settings(Map.of("POSTGRES_HOST", host)).host()).isEqualTo(host);
        }

        @Test
        void the_session_timeouts_are_server_options() {
            PoolSettings pool = PostgresFactory.poolSettings(settings(Map.of("POSTGRES_LOCK_TIMEOUT", "2",
                    "POSTGRES_STATEMENT_TIMEOUT", "30", "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", "0")), "Parcels");

            assertThat(pool.properties()).containsEntry("options",
                    "-c idle_in_transaction_session_timeout=0 -c lock_timeout=2000 -c statement_timeout=30000");
            assertThat(PostgresFactory.poolSettings(settings(Map.of()), "Parcels").properties())
                    .containsEntry("options", "-c idle_in_transaction_session_timeout=5000");
        }

        @Test
        void the_pool_holds_the_pool_size_and_the_overflow_and_waits_the_connect_timeout() {
            PoolSettings pool = PostgresFactory.poolSettings(settings(Map.of("POSTGRES_POOL_SIZE", "3",
                    "POSTGRES_MAX_OVERFLOW", "4", "POSTGRES_CONNECT_TIMEOUT", "2.5")), "Parcels");

            assertThat(pool.minimumIdle()).isEqualTo(3);
            assertThat(pool.maximumSize()).isEqualTo(7);
            assertThat(pool.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
            assertThat(pool.name()).isEqualTo("eventsourcing-postgres-Parcels");
        }
    }

    @Nested
    class Names_postgres_would_refuse_or_cut_short_fail_at_construction {

        @ParameterizedTest
        @ValueSource(strings = {"select", "user", "SELECT", "table", "pg_events", "analyse"})
        void a_schema_that_is_a_reserved_word(String schema) {
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_SCHEMA", schema)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_SCHEMA '" + schema + "' is a reserved word");
        }

        @Test
        void a_schema_longer_than_63_bytes() {
            String schema = "s".repeat(70);

            assertThatThrownBy(() -> settings(Map.of("POSTGRES_SCHEMA", schema)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_SCHEMA '" + schema + "' is too long: it has 70 bytes and the "
                            + "database allows 63");
        }

        @Test
        void a_schema_that_is_not_a_plain_identifier() {
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_SCHEMA", "dogs; drop table x")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_SCHEMA 'dogs; drop table x' cannot name a schema");
        }

        @Test
        void a_schema_that_is_an_ordinary_word_is_lower_cased() {
            assertThat(settings(Map.of("POSTGRES_SCHEMA", "Parcels")).schema()).isEqualTo("parcels");
            assertThat(settings(Map.of("POSTGRES_SCHEMA", "between")).schema()).isEqualTo("between");
        }

        @ParameterizedTest
        @ValueSource(strings = {"POSTGRES_DBNAME", "POSTGRES_USER"})
        void a_database_or_user_name_longer_than_63_bytes(String variable) {
            String name = "n".repeat(64);

            assertThatThrownBy(() -> settings(Map.of(variable, name)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(variable + " '" + name + "' cannot name a ")
                    .hasMessageContaining("it has 64 bytes and PostgreSQL keeps only 63");
        }
    }

    @Nested
    class Timeouts_out_of_the_servers_range_fail_at_construction {

        @ParameterizedTest
        @ValueSource(strings = {"POSTGRES_LOCK_TIMEOUT", "POSTGRES_STATEMENT_TIMEOUT",
                "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", "POSTGRES_CONNECT_TIMEOUT"})
        void a_billion_seconds(String variable) {
            assertThatThrownBy(() -> settings(Map.of(variable, "1e9")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(variable + " '1e9' is out of range")
                    .hasMessageContaining("to 2147483");
        }

        @ParameterizedTest
        @ValueSource(strings = {"POSTGRES_LOCK_TIMEOUT", "POSTGRES_STATEMENT_TIMEOUT"})
        void less_than_a_millisecond_that_is_not_zero(String variable) {
            assertThatThrownBy(() -> settings(Map.of(variable, "0.0001")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(variable + " '0.0001' is out of range: use 0 (no timeout) or a number");
        }

        @Test
        void a_connect_timeout_of_zero() {
            assertThatThrownBy(() -> settings(Map.of("POSTGRES_CONNECT_TIMEOUT", "0")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("POSTGRES_CONNECT_TIMEOUT '0' is out of range: use a number of seconds");
        }

        @Test
        void the_longest_timeout_the_server_takes_is_accepted() {
            assertThat(settings(Map.of("POSTGRES_LOCK_TIMEOUT", "2147483")).lockTimeout())
                    .isEqualTo(Duration.ofSeconds(2147483));
        }
    }
}
