package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.jdbc.testkit.SubscriptionFollower;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL backend promises beyond the conformance kit, on the local server: identifier
 * lengths, the lock timeout, surviving dropped connections, LISTEN/NOTIFY, and {@code CREATE_TABLE=false}.
 * Its tables live in a schema of their own, dropped before every test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresBackendTest {
    private static final String SCHEMA = "es_backend";

    @BeforeEach
    void emptySchema() {
        PostgresTestDatabase.reset(SCHEMA);
    }

    static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("POSTGRES_SCHEMA", SCHEMA));
        env.putAll(more);
        return PostgresTestDatabase.env(env);
    }

    static InfrastructureFactory postgres(String name, Map<String, String> more) {
        return InfrastructureFactory.construct(Environment.isolated(name, env(more)));
    }

    static StoredEvent event(UUID originatorId, long version) {
        byte[] state = ("{\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8);
        return new StoredEvent(originatorId, version, "Posted", state);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresTestDatabase.URL, PostgresTestDatabase.USER, "");
    }

    static List<String> tablesInSchema() throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            select.setString(1, SCHEMA);
            try (ResultSet rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    /**
     * PostgreSQL cuts identifiers longer than 63 bytes without an error, so two applications whose names
     * differ only after that would share tables; the factory refuses such names instead.
     */
    @Nested
    class Identifiers {

        @Test
        void an_application_name_that_makes_a_table_name_longer_than_63_bytes_is_refused() throws SQLException {
            String name = "p".repeat(54); // its snapshots table would be p..._snapshots, 64 bytes

            assertThatThrownBy(() -> postgres(name, Map.of()))
                    .isInstanceOf(ProgrammingException.class)
                    .hasMessageStartingWith("table name too long: '" + name + "_snapshots' has more than 63 bytes");
            assertThat(tablesInSchema()).isEmpty();
        }

        @Test
        void an_application_name_whose_table_names_fit_gets_its_tables_under_their_full_names() throws SQLException {
            String name = "p".repeat(51); // its longest table name, p..._snapshots, has 61 bytes
            UUID parcel = UUID.randomUUID();

            try (InfrastructureFactory factory = postgres(name, Map.of())) {
                factory.applicationRecorder().insertEvents(List.of(event(parcel, 1)));
                factory.aggregateRecorder("snapshots").insertEvents(List.of(event(parcel, 1)));
            }

            assertThat(tablesInSchema()).containsExactly(name + "_events", name + "_snapshots");
        }
    }

    @Nested
    class The_lock_timeout {

        @Test
        void makes_an_insert_behind_a_lock_on_the_events_table_fail_operationally_after_POSTGRES_LOCK_TIMEOUT()
                throws SQLException {
            UUID parcel = UUID.randomUUID();
            try (InfrastructureFactory factory = postgres("Parcels", Map.of("POSTGRES_LOCK_TIMEOUT", "1"))) {
                ApplicationRecorder recorder = factory.applicationRecorder();
                String events = ((JdbcFactory) factory).tables().events();

                try (Connection holder = connect(); Statement statement = holder.createStatement()) {
                    holder.setAutoCommit(false);
                    statement.execute("LOCK TABLE " + events + " IN EXCLUSIVE MODE");
                    long start = System.nanoTime();

                    assertThatThrownBy(() -> recorder.insertEvents(List.of(event(parcel, 1))))
                            .isInstanceOf(OperationalException.class)
                            .hasMessageContaining(events)
                            .hasMessageContaining("lock timeout");

                    assertThat(Duration.ofNanos(System.nanoTime() - start))
                            .isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
                    assertThat(recorder.maxNotificationId()).as("a read while the lock is held").isZero();
                    holder.rollback();
                }

                assertThat(recorder.insertEvents(List.of(event(parcel, 1)))).containsExactly(1L);
            }
        }
    }

    @Nested
    class Dropped_connections {
        /** HikariCP lends a connection used within this window without checking it first. */
        private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

        @Test
        void are_replaced_and_the_select_or_insert_that_found_them_dead_is_retried() throws SQLException {
            String name = "Dropped";
            UUID parcel = UUID.randomUUID();
            // One connection, never checked before it is lent: after it is terminated, the next select and
            // insert surely meet it dead and must retry on a new one.
            InfrastructureFactory factory;
            String previous = System.getProperty(ALIVE_BYPASS_WINDOW);
            System.setProperty(ALIVE_BYPASS_WINDOW, String.valueOf(Duration.ofHours(1).toMillis()));
            try {
                factory = postgres(name, Map.of("POSTGRES_POOL_SIZE", "1", "POSTGRES_MAX_OVERFLOW", "0"));
            } finally {
                if (previous == null) {
                    System.clearProperty(ALIVE_BYPASS_WINDOW);
                } else {
                    System.setProperty(ALIVE_BYPASS_WINDOW, previous);
                }
            }
            try (factory) {
                ApplicationRecorder recorder = factory.applicationRecorder();

                assertThat(terminateConnectionsOf(name)).as("connections terminated").isEqualTo(1);
                assertThat(recorder.selectNotifications(1, 10)).isEmpty();

                assertThat(terminateConnectionsOf(name)).as("connections terminated").isEqualTo(1);
                assertThat(recorder.insertEvents(List.of(event(parcel, 1)))).containsExactly(1L);

                assertThat(terminateConnectionsOf(name)).as("connections terminated").isEqualTo(1);
                assertThat(recorder.selectEvents(parcel, null, null, false, null)).extracting(StoredEvent::originatorVersion)
                        .containsExactly(1L);
                assertThat(recorder.maxNotificationId()).isEqualTo(1);
            }
        }

        /** Terminates the server processes of the application's pool and waits until they are gone. */
        private static int terminateConnectionsOf(String applicationName) throws SQLException {
            try (Connection admin = connect(); PreparedStatement terminate = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = ? "
                            + "AND application_name = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, PostgresTestDatabase.NAME);
                terminate.setString(2, "eventsourcing-" + applicationName);
                int terminated = 0;
                try (ResultSet rows = terminate.executeQuery()) {
                    while (rows.next()) {
                        assertThat(rows.getBoolean(1)).as("terminated within 5 s").isTrue();
                        terminated++;
                    }
                }
                return terminated;
            }
        }
    }

    @Nested
    class Subscriptions {

        @Test
        void are_pushed_an_event_that_another_factory_inserts_long_before_their_next_poll() throws InterruptedException {
            UUID parcel = UUID.randomUUID();
            Map<String, String> pollRarely = Map.of("POSTGRES_POLL_INTERVAL", "30");
            // Two factories with pools of their own, as two processes on the same tables would have.
            try (InfrastructureFactory following = postgres("Parcels", pollRarely);
                    InfrastructureFactory inserting = postgres("Parcels", pollRarely)) {
                ApplicationRecorder writer = inserting.applicationRecorder();

                try (SubscriptionFollower follower = new SubscriptionFollower(following.applicationRecorder().subscribe(0))) {
                    follower.awaitWaiting();
                    long start = System.nanoTime();
                    writer.insertEvents(List.of(event(parcel, 1)));

                    Notification pushed = follower.next(Duration.ofSeconds(10));

                    // A tenth of the poll interval: only NOTIFY wakes the follower this soon. The bound leaves
                    // room for a loaded machine.
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                    assertThat(pushed.id()).isEqualTo(1);
                    assertThat(pushed.originatorId()).isEqualTo(parcel);
                }
            }
        }
    }

    @Nested
    class Without_creating_tables {

        @Test
        void an_application_starts_and_its_first_save_fails_saying_the_table_is_missing() throws SQLException {
            try (PostOffice app = new PostOffice(env(Map.of("CREATE_TABLE", "false")))) {

                assertThatThrownBy(() -> app.save(Parcel.post("1 Harbour Road")))
                        .isInstanceOf(PersistenceException.class)
                        .hasMessageContaining(SCHEMA + ".postoffice_events")
                        .hasMessageContaining("does not exist")
                        .hasMessageContaining("CREATE_TABLE=false");
            }
            assertThat(tablesInSchema()).isEmpty();
        }
    }
}
