package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcReplicas;
import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.Subscription;
import io.eventsourcing.persistence.WaitTimeoutException;
import io.eventsourcing.postgres.faults.Labeller;
import io.eventsourcing.postgres.testkit.PatroniCluster;
import io.eventsourcing.postgres.testkit.PatroniCluster.Member;
import io.eventsourcing.postgres.testkit.SharedPatroniCluster;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.SingleThreadedRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read replicas on a real cluster: with {@code POSTGRES_REPLICA_HOSTS}, the notification log (and with
 * {@code POSTGRES_REPLICA_READS=all} the aggregates) is read from a standby, saves go to the primary,
 * and {@code waitForNotification} waits until the standbys have replayed a save, or says which has not.
 * Replay is paused on the standbys ({@code pg_wal_replay_pause()}) to show where each read goes.
 */
@Tag("cluster")
@ExtendWith(SharedPatroniCluster.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresReplicasTest {
    private static final String DATABASE = "replicas";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final PatroniCluster cluster;
    private final String schema;

    PostgresReplicasTest(PatroniCluster cluster, TestInfo test) {
        this.cluster = cluster;
        cluster.awaitHealthy(Duration.ofMinutes(2));
        cluster.createDatabase(DATABASE);
        this.schema = "s" + Integer.toHexString(test.getDisplayName().hashCode() & 0xfffffff);
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(cluster.env(DATABASE));
        env.put("POSTGRES_REPLICA_HOSTS", cluster.hosts());
        env.put("POSTGRES_SCHEMA", schema);
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void the_log_is_read_from_a_standby_and_saves_go_to_the_primary() {
        try (PostOffice office = new PostOffice(env())) {
            JdbcReplicas replicas = ((JdbcFactory) office.factory()).replicas().orElseThrow();
            boolean inRecovery = replicas.datastore().read("in recovery?", connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT pg_is_in_recovery()")) {
                    return rows.next() && rows.getBoolean(1);
                }
            });
            assertThat(inRecovery).as("the replicas' pool is on a standby").isTrue();

            Parcel parcel = Parcel.post("1 Harbour Road");
            long id = office.save(parcel).getFirst().notificationId();
            office.recorder().waitForNotification(id, WAIT);

            assertThat(office.recorder().selectNotifications(1, 10)).extracting(Notification::originatorId)
                    .containsExactly(parcel.id());
            assertThat(office.recorder().maxNotificationId()).isEqualTo(id);
        }
    }

    @Test
    void while_the_standbys_do_not_replay_the_log_lags_the_aggregates_do_not_and_a_wait_times_out_naming_a_replica()
            throws SQLException {
        try (PostOffice office = new PostOffice(env())) {
            long first = office.save(Parcel.post("1 Harbour Road")).getFirst().notificationId();
            office.recorder().waitForNotification(first, WAIT);
            Parcel parcel = Parcel.post("2 Harbour Road");
            long id;
            try (ReplayPaused paused = new ReplayPaused(cluster)) {
                assertThat(paused.standbys()).hasSize(2);
                id = office.save(parcel).getFirst().notificationId();

                assertThat(office.recorder().selectNotifications(1, 10)).as("the log, read from the standbys")
                        .extracting(Notification::id).containsExactly(first);
                assertThat(office.repository().contains(parcel.id())).as("the aggregate, read from the primary").isTrue();
                assertThatThrownBy(() -> office.recorder().waitForNotification(id, Duration.ofMillis(300)))
                        .isInstanceOf(WaitTimeoutException.class)
                        .hasMessageContaining("read replica " + PatroniCluster.HOST + ":")
                        .hasMessageContaining("replay notification " + id + " of " + schema + ".postoffice_events")
                        .hasMessageContaining("it has replayed up to " + first);
            }
            office.recorder().waitForNotification(id, WAIT);
            assertThat(office.recorder().selectNotifications(1, 10)).extracting(Notification::id)
                    .containsExactly(first, id);
        }
    }

    @Test
    void with_all_reads_on_the_replicas_the_repository_reads_its_own_writes_once_it_has_waited() throws SQLException {
        try (PostOffice office = new PostOffice(env("POSTGRES_REPLICA_READS", "all"))) {
            office.recorder().waitForNotification(office.save(Parcel.post("1 Harbour Road")).getFirst().notificationId(),
                    WAIT);
            Parcel parcel = Parcel.post("2 Harbour Road");
            long id;
            try (ReplayPaused paused = new ReplayPaused(cluster)) {
                assertThat(paused.standbys()).hasSize(2);
                id = office.save(parcel).getFirst().notificationId();

                assertThat(office.repository().contains(parcel.id())).as("read from a standby not replaying").isFalse();
            }
            office.recorder().waitForNotification(id, WAIT);
            assertThat(office.repository().<Parcel>get(parcel.id()).address()).isEqualTo("2 Harbour Road");
        }
    }

    @Test
    void a_follower_reads_its_leader_from_the_replicas_and_processes_each_event_once() {
        EventSourcingSystem system = EventSourcingSystem.of(List.of(PostOffice.class, Labeller.Sorting.class));
        try (MultiThreadedRunner runner = new MultiThreadedRunner(system, env())) {
            runner.start();
            PostOffice office = runner.get(PostOffice.class);
            List<UUID> parcels = new ArrayList<>();
            long last = 0;
            for (int i = 0; i < 50; i++) {
                Parcel parcel = Parcel.post(i + " Harbour Road");
                parcels.add(parcel.id());
                last = office.save(parcel).getFirst().notificationId();
            }

            runner.waitFor(Labeller.Sorting.class, PostOffice.class, last, WAIT);

            assertThat(runner.get(Labeller.Sorting.class).labelled()).containsExactlyElementsOf(parcels);
        }
    }

    @Test
    void replicas_that_cannot_be_reached_fail_the_log_reads_naming_them_not_the_construction_nor_the_saves()
            throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(PatroniCluster.HOST))) {
            nobody = socket.getLocalPort();
        }
        try (PostOffice office = new PostOffice(env("POSTGRES_REPLICA_HOSTS", PatroniCluster.HOST + ":" + nobody,
                "POSTGRES_CONNECT_TIMEOUT", "1"))) {
            Parcel parcel = Parcel.post("1 Harbour Road");
            office.save(parcel);

            assertThatThrownBy(() -> office.recorder().selectNotifications(1, 10))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessageContaining("read replicas at " + PatroniCluster.HOST + ":" + nobody);
            assertThat(office.repository().contains(parcel.id())).as("read from the primary").isTrue();
        }
    }

    @Test
    void a_single_threaded_runner_waits_until_the_replicas_have_a_save_before_its_followers_read_it() {
        EventSourcingSystem system = EventSourcingSystem.of(List.of(PostOffice.class, Labeller.Sorting.class));
        try (SingleThreadedRunner runner = new SingleThreadedRunner(system, env())) {
            runner.start();
            PostOffice office = runner.get(PostOffice.class);
            Labeller sorting = runner.get(Labeller.Sorting.class);
            for (int i = 0; i < 20; i++) {
                long id = office.save(Parcel.post(i + " Harbour Road")).getFirst().notificationId();

                assertThat(sorting.recorder().maxTrackingId("PostOffice")).as("processed when save returned")
                        .isEqualTo(id);
            }
        }
    }

    /**
     * How long a save takes to be readable on every standby (the replica lag), and to reach a
     * subscription that reads from them while its poll interval is 30 s, so that only the wakes bring
     * it; written to {@code target/cluster-replicas-report.txt}.
     */
    @Test
    void a_save_is_readable_on_the_replicas_and_reaches_a_subscription_within_milliseconds() throws IOException {
        int saves = 200;
        List<Double> readable = new ArrayList<>();
        List<Double> delivered = new ArrayList<>();
        try (PostOffice office = new PostOffice(env("POSTGRES_POLL_INTERVAL", "30"));
                PostOffice reader = new PostOffice(env("POSTGRES_POLL_INTERVAL", "30"));
                Subscription subscription = reader.recorder().subscribe(0)) {
            for (int i = 0; i < saves; i++) {
                long acknowledged = System.nanoTime();
                long id = office.save(Parcel.post(i + " Harbour Road")).getFirst().notificationId();
                acknowledged = System.nanoTime();
                office.recorder().waitForNotification(id, WAIT);
                readable.add((System.nanoTime() - acknowledged) / 1e6);
                Notification next = subscription.next();
                delivered.add((System.nanoTime() - acknowledged) / 1e6);
                assertThat(next.id()).isEqualTo(id);
            }
        }
        String report = String.format(Locale.ROOT, "Read replicas (3 nodes, synchronous mode, %d saves one at a time, "
                + "%d cores, load average %s):%n  readable on every standby after the save's acknowledgement: median "
                + "%.1f ms, 99th percentile %.1f ms, most %.1f ms%n  delivered to a subscription reading from the "
                + "standbys (poll interval 30 s): median %.1f ms, 99th percentile %.1f ms, most %.1f ms%n", saves,
                Runtime.getRuntime().availableProcessors(), loadAverage(), percentile(readable, 50),
                percentile(readable, 99), percentile(readable, 100), percentile(delivered, 50),
                percentile(delivered, 99), percentile(delivered, 100));
        System.out.print(report);
        Path file = Path.of("target", "cluster-replicas-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        assertThat(percentile(delivered, 100)).as("the slowest delivery, in ms, against a 30 s poll")
                .isLessThan(5_000);
    }

    static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Replay paused on every standby of the cluster until closed, with Patroni in maintenance mode
     * meanwhile (it would otherwise resume the replay within a second).
     */
    private static final class ReplayPaused implements AutoCloseable {
        private final PatroniCluster cluster;
        private final List<Member> standbys;

        ReplayPaused(PatroniCluster cluster) throws SQLException {
            this.cluster = cluster;
            cluster.maintenanceMode(true);
            this.standbys = cluster.members().stream().filter(member -> !member.isLeader()).toList();
            run("SELECT pg_wal_replay_pause()");
        }

        List<Member> standbys() {
            return standbys;
        }

        @Override
        public void close() throws SQLException {
            try {
                run("SELECT pg_wal_replay_resume()");
            } finally {
                cluster.maintenanceMode(false);
            }
        }

        private void run(String sql) throws SQLException {
            for (Member standby : standbys) {
                try (Connection connection = cluster.connect(standby, "postgres");
                        Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
