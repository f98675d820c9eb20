package io.eventsourcing.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.JdbcApplicationRecorder;
import io.eventsourcing.jdbc.testkit.SubscriptionFollower;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite backend promises beyond the conformance kit: its settings, its file, and its single writer. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SqliteBackendTest {

    static InfrastructureFactory sqlite(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PERSISTENCE_MODULE", "sqlite");
        return InfrastructureFactory.construct(Environment.isolated(name, all));
    }

    static InfrastructureFactory sqlite(Path file, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("SQLITE_DBNAME", file.toString());
        return sqlite("Parcels", env);
    }

    static StoredEvent event(UUID originatorId, long version) {
        byte[] state = ("{\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8);
        return new StoredEvent(originatorId, version, "Posted", state);
    }

    @Nested
    class Settings {

        @Test
        void SQLITE_DBNAME_is_required() {
            assertThatThrownBy(() -> sqlite("Parcels", Map.of()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("SQLITE_DBNAME is not set");
        }

        @Test
        void a_lock_timeout_that_is_not_a_number_of_seconds_fails_naming_the_variable() {
            assertThatThrownBy(() -> sqlite("Parcels", Map.of("SQLITE_DBNAME", ":memory:", "SQLITE_LOCK_TIMEOUT", "soon")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("SQLITE_LOCK_TIMEOUT 'soon' is not a number of seconds");
            assertThatThrownBy(() -> sqlite("Parcels", Map.of("SQLITE_DBNAME", ":memory:", "SQLITE_LOCK_TIMEOUT", "-1")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("SQLITE_LOCK_TIMEOUT '-1'");
            assertThatThrownBy(() -> sqlite("Parcels", Map.of("SQLITE_DBNAME", ":memory:", "SQLITE_LOCK_TIMEOUT", "1e9")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("SQLITE_LOCK_TIMEOUT '1e9' is out of range: use 0 (no timeout) or a number of seconds "
                            + "from 0.001 to 2147483");
        }

        @Test
        void a_lock_timeout_set_under_the_applications_prefix_is_named_with_the_prefix() {
            assertThatThrownBy(() -> sqlite("Parcels",
                    Map.of("SQLITE_DBNAME", ":memory:", "PARCELS_SQLITE_LOCK_TIMEOUT", "5s")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("PARCELS_SQLITE_LOCK_TIMEOUT '5s'");
        }

        @Test
        void a_rejected_poll_interval_leaves_no_connection_pool_behind(@TempDir Path directory) {
            String name = "Rejected" + UUID.randomUUID().toString().replace("-", "");

            assertThatThrownBy(() -> sqlite(name, Map.of("SQLITE_DBNAME", directory.resolve("x.db").toString(),
                    "SQLITE_POLL_INTERVAL", "0")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("SQLITE_POLL_INTERVAL must be above 0 seconds");
            assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .noneMatch(thread -> thread.startsWith("eventsourcing-sqlite-" + name));
        }
    }

    @Nested
    class A_database_file {

        @Test
        void is_put_in_write_ahead_log_mode(@TempDir Path directory) throws SQLException {
            Path file = directory.resolve("parcels.db");
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                assertThat(journalMode(raw)).as("a new file's journal mode").isEqualTo("delete");
            }

            try (InfrastructureFactory factory = sqlite(file, Map.of())) {
                factory.applicationRecorder();

                try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                    assertThat(journalMode(raw)).isEqualTo("wal");
                }
            }
        }

        @Test
        void keeps_what_one_factory_wrote_for_the_next_factory_after_the_first_is_closed(@TempDir Path directory) {
            Path file = directory.resolve("parcels.db");
            UUID parcel = UUID.randomUUID();
            List<StoredEvent> written = List.of(event(parcel, 1), event(parcel, 2), event(parcel, 3));
            try (InfrastructureFactory first = sqlite(file, Map.of())) {
                assertThat(first.applicationRecorder().insertEvents(written)).containsExactly(1L, 2L, 3L);
            }

            try (InfrastructureFactory second = sqlite(file, Map.of())) {
                ApplicationRecorder recorder = second.applicationRecorder();

                assertThat(recorder.selectEvents(parcel, null, null, false, null)).isEqualTo(written);
                assertThat(recorder.selectNotifications(1, 10)).extracting(Notification::id).containsExactly(1L, 2L, 3L);
                assertThat(recorder.insertEvents(List.of(event(parcel, 4)))).containsExactly(4L);
            }
        }

        @Test
        void is_followed_by_a_subscription_of_a_second_factory_which_polls_for_the_first_ones_events(
                @TempDir Path directory) throws InterruptedException {
            Path file = directory.resolve("parcels.db");
            UUID parcel = UUID.randomUUID();
            try (InfrastructureFactory writing = sqlite(file, Map.of());
                    InfrastructureFactory following = sqlite(file, Map.of())) {
                ApplicationRecorder writer = writing.applicationRecorder();
                writer.insertEvents(List.of(event(parcel, 1)));

                try (SubscriptionFollower follower = new SubscriptionFollower(following.applicationRecorder().subscribe(0))) {
                    assertThat(follower.next(Duration.ofSeconds(10)).originatorVersion()).isEqualTo(1);
                    follower.awaitWaiting();

                    writer.insertEvents(List.of(event(parcel, 2), event(parcel, 3)));

                    Notification second = follower.next(Duration.ofSeconds(10));
                    assertThat(second.id()).isEqualTo(2);
                    assertThat(second.originatorId()).isEqualTo(parcel);
                    assertThat(follower.next(Duration.ofSeconds(10)).id()).isEqualTo(3);
                }
            }
        }

        private static String journalMode(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    @Nested
    class One_writer_at_a_time {

        @Test
        void a_write_behind_another_processs_write_transaction_fails_operationally_after_SQLITE_LOCK_TIMEOUT(
                @TempDir Path directory) throws SQLException {
            Path file = directory.resolve("parcels.db");
            UUID parcel = UUID.randomUUID();
            try (InfrastructureFactory factory = sqlite(file, Map.of("SQLITE_LOCK_TIMEOUT", "1"))) {
                ApplicationRecorder recorder = factory.applicationRecorder();

                try (Connection otherProcess = DriverManager.getConnection("jdbc:sqlite:" + file);
                        Statement statement = otherProcess.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                    long start = System.nanoTime();

                    assertThatThrownBy(() -> recorder.insertEvents(List.of(event(parcel, 1))))
                            .isInstanceOf(OperationalException.class)
                            .hasMessageContaining("parcels_events")
                            .hasMessageContaining("locked");

                    assertThat(Duration.ofNanos(System.nanoTime() - start))
                            .isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
                    statement.execute("ROLLBACK");
                }
                assertThat(recorder.maxNotificationId()).as("events of the failed insert").isZero();

                assertThat(recorder.insertEvents(List.of(event(parcel, 1), event(parcel, 2)))).containsExactly(1L, 2L);
                assertThat(recorder.insertEvents(List.of(event(parcel, 3)))).containsExactly(3L);
            }
        }

        @Test
        void a_write_behind_another_threads_open_transaction_fails_operationally_after_SQLITE_LOCK_TIMEOUT(
                @TempDir Path directory) throws Exception {
            Path file = directory.resolve("parcels.db");
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            try (InfrastructureFactory factory = sqlite(file, Map.of("SQLITE_LOCK_TIMEOUT", "1"))) {
                JdbcApplicationRecorder recorder = (JdbcApplicationRecorder) factory.applicationRecorder();
                CountDownLatch writing = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(1);
                FutureTask<List<Long>> holder = new FutureTask<>(() -> recorder.transaction(connection -> {
                    List<Long> ids = recorder.insertEvents(List.of(event(first, 1)));
                    writing.countDown();
                    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
                    return ids;
                }));
                Thread.ofPlatform().name("open-transaction").start(holder);
                assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
                long start = System.nanoTime();

                try {
                    assertThatThrownBy(() -> recorder.insertEvents(List.of(event(second, 1))))
                            .isInstanceOf(OperationalException.class)
                            .hasMessageContaining("parcels_events")
                            .hasMessageContaining("lock timeout");
                    assertThat(Duration.ofNanos(System.nanoTime() - start))
                            .isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
                } finally {
                    done.countDown();
                }

                assertThat(holder.get(30, TimeUnit.SECONDS)).containsExactly(1L);
                assertThat(recorder.insertEvents(List.of(event(second, 1)))).containsExactly(2L);
            }
        }
    }
}
