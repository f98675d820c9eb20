package io.eventsourcing.postgres.faults;

import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.postgres.testkit.PatroniCluster;
import io.eventsourcing.postgres.testkit.PatroniCluster.Member;
import io.eventsourcing.postgres.testkit.PostgresCluster;
import io.eventsourcing.postgres.testkit.SharedPatroniCluster;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.ProjectionRunner;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/*
 * Design: the fault suite's ledger and writers (threads of this JVM and child JVMs), on a three-node
 * Patroni cluster in synchronous mode (the one the cluster tests share) instead of one server, with every node in POSTGRES_HOST. The
 * faults are a failover's: the primary's postmaster killed with SIGKILL (Patroni promotes the
 * synchronous standby at once and rewinds the old primary into a replica), and a planned switchover.
 * Meanwhile the readers a system has keep running: a MultiThreadedRunner with two followers of the
 * writers' application (one on the same cluster, one on a standalone server of its own, configured by
 * its prefixed settings), a ProjectionRunner, and a plain subscription. Afterwards: the table against
 * the ledger, the commit timestamps against the ids, and what each reader processed against the table.
 */

/**
 * Failover under load on a highly available PostgreSQL cluster: nothing acknowledged is lost, nothing
 * reported failed is stored, notification ids stay gap-free and in commit order, writers and readers
 * recover by themselves, and followers, projections and subscriptions neither skip nor repeat an event.
 * Tagged {@code cluster} ({@code -Pcluster}); figures go to {@code target/cluster-failover-report.txt}.
 */
@Tag("cluster")
@ExtendWith(SharedPatroniCluster.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterFailoverTest {
    private static final String DATABASE = "failover";
    private static final int IN_PROCESS_WRITERS = 4;
    private static final int CHILD_WRITERS = 2;
    private static final long PAUSE_MILLIS = 2;
    private static final int ROUNDS = 2;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final EventSourcingSystem SYSTEM = EventSourcingSystem.of(
            List.of(PostOffice.class, Labeller.Sorting.class), List.of(PostOffice.class, Labeller.Billing.class));

    @Test
    void saves_followers_projections_and_subscriptions_carry_on_across_killed_primaries_and_switchovers(
            PatroniCluster cluster) throws Exception {
        cluster.awaitHealthy(SETTLE);
        try (PostgresCluster elsewhere = PostgresCluster.launch()) {
            cluster.createDatabase(DATABASE);
            elsewhere.createDatabase("billing");
            Map<String, String> env = cluster.env(DATABASE);
            Map<String, String> systemEnv = new HashMap<>(env);
            systemEnv.put("BILLING_POSTGRES_HOST", PostgresCluster.HOST + ":" + elsewhere.port());
            systemEnv.put("BILLING_POSTGRES_DBNAME", "billing");
            systemEnv.put("BILLING_POSTGRES_PASSWORD", elsewhere.password());
            Ledger ledger = new Ledger();
            List<Fault> faults = new ArrayList<>();
            List<String> promotions = new ArrayList<>();
            WriterJvms jvms = new WriterJvms(env, ledger, PAUSE_MILLIS);
            long start = System.nanoTime();
            Readers readers;
            try (PostOffice office = new PostOffice(env); MultiThreadedRunner runner = new MultiThreadedRunner(SYSTEM,
                    systemEnv); ParcelCounts counts = new ParcelCounts(env)) {
                runner.start();
                ProjectionRunner<ParcelCounts> projection = new ProjectionRunner<>(office, new CountParcels(counts));
                SubscriptionWatcher watcher = new SubscriptionWatcher(office.recorder());
                SavingThreads writers = new SavingThreads(office, ledger, IN_PROCESS_WRITERS, PAUSE_MILLIS);
                for (int i = 0; i < CHILD_WRITERS; i++) {
                    jvms.start();
                }
                try {
                    FaultSuiteTest.sleep(Duration.ofSeconds(3));
                    for (int round = 0; round < ROUNDS; round++) {
                        faults.add(failover(cluster, "primary's postmaster killed (kill -9)", cluster::killPrimary, promotions));
                        cluster.awaitHealthy(SETTLE);
                        FaultSuiteTest.sleep(Duration.ofSeconds(3));
                        faults.add(failover(cluster, "switchover", cluster::switchover, promotions));
                        cluster.awaitHealthy(SETTLE);
                        FaultSuiteTest.sleep(Duration.ofSeconds(3));
                    }
                } finally {
                    writers.stop();
                    jvms.killAll();
                }
                long last = office.recorder().maxNotificationId();
                runner.waitFor(Labeller.Sorting.class, PostOffice.class, last, SETTLE);
                runner.waitFor(Labeller.Billing.class, PostOffice.class, last, SETTLE);
                projection.wait(last, SETTLE);
                watcher.await(last, SETTLE);
                readers = new Readers(runner.get(Labeller.Sorting.class).labelled(),
                        runner.get(Labeller.Billing.class).labelled(), counts.counts(), watcher.seen(), watcher.jumps(),
                        watcher.failures());
                watcher.close();
                projection.close();
            }
            Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
            Map<UUID, Long> stored = new HashMap<>();
            List<String> outOfOrder = new ArrayList<>();
            storedRows(cluster, stored, outOfOrder);
            check(ledger, faults, promotions, stored, outOfOrder, readers, loadTime);
        }
    }

    /** What the readers processed. */
    private record Readers(List<UUID> sorted, List<UUID> billed, Map<UUID, Integer> projected, Map<Long, UUID> seen,
            List<String> jumps, List<String> subscriptionFailures) {}

    /**
     * Injects a fault and waits until another node is the primary and acknowledges a commit; notes when
     * it was promoted.
     */
    private static Fault failover(PatroniCluster cluster, String name, Supplier<Member> fault, List<String> promotions) {
        long began = System.nanoTime();
        Member old = fault.get();
        Member promoted = cluster.awaitNewLeader(old, Duration.ofSeconds(60));
        long leading = System.nanoTime();
        cluster.awaitCommits(Duration.ofSeconds(60));
        promotions.add(String.format(Locale.ROOT, "%-40s %s promoted after %5.2f s, first commit acknowledged after "
                + "%5.2f s", name + ":", promoted.name(), LedgerAudit.seconds(leading - began),
                LedgerAudit.seconds(System.nanoTime() - began)));
        return new Fault(name, began, System.nanoTime());
    }

    /** Every row's notification id by aggregate, and where a commit timestamp is below the one before it. */
    private static void storedRows(PatroniCluster cluster, Map<UUID, Long> stored, List<String> outOfOrder)
            throws SQLException {
        try (Connection connection = cluster.connectToPrimary(DATABASE); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT originator_id, notification_id, "
                        + "pg_xact_commit_timestamp(xmin) FROM postoffice_events ORDER BY notification_id")) {
            Timestamp previous = null;
            while (rows.next()) {
                stored.put(rows.getObject(1, UUID.class), rows.getLong(2));
                Timestamp committed = rows.getTimestamp(3);
                if (previous != null && committed != null && committed.before(previous) && outOfOrder.size() < 3) {
                    outOfOrder.add("id " + rows.getLong(2) + " committed at " + committed + ", before " + previous);
                }
                previous = committed != null ? committed : previous;
            }
        }
    }

    private static void check(Ledger ledger, List<Fault> faults, List<String> promotions, Map<UUID, Long> stored,
            List<String> outOfOrder, Readers readers, Duration loadTime) throws IOException {
        LedgerAudit audit = new LedgerAudit(ledger, stored);
        LedgerAudit.Recoveries recoveries = audit.recoveries(faults, RECOVERY_LIMIT);
        Set<UUID> parcels = stored.keySet();
        Map<Long, UUID> byId = new TreeMap<>();
        stored.forEach((parcel, id) -> byId.put(id, parcel));
        List<String> phantoms = new ArrayList<>();
        readers.seen().forEach((id, parcel) -> {
            if (!parcel.equals(byId.get(id)) && phantoms.size() < 3) {
                phantoms.add("id " + id + " was " + parcel + ", is " + byId.get(id));
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add("Failover under load (PostgreSQL " + FaultSuiteTest.clusterVersion() + ", 3 nodes, Patroni with etcd, "
                + "synchronous mode; " + IN_PROCESS_WRITERS + " writer threads in the test JVM and " + CHILD_WRITERS
                + " writer JVMs; " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + FaultSuiteTest.loadAverage() + ")");
        lines.add(String.format(Locale.ROOT, "load: %.0f s, %d faults (%d primaries killed, %d switchovers)",
                LedgerAudit.seconds(loadTime.toNanos()), faults.size(), ROUNDS, ROUNDS));
        lines.addAll(audit.outcomes());
        lines.add("commit order: " + (outOfOrder.isEmpty() ? "commit timestamps rise with the notification ids"
                : "out of order: " + outOfOrder));
        lines.add("failovers (the cluster):");
        lines.add("  " + String.join("\n  ", promotions));
        lines.add("recovery (writers in the running JVM, not restarted; 'server back' is the first commit acknowledged):");
        lines.add("  " + String.join("\n  ", recoveries.lines()));
        if (!recoveries.unrecovered().isEmpty()) {
            lines.add("no recovery within " + RECOVERY_LIMIT.toSeconds() + " s: " + recoveries.unrecovered());
        }
        lines.add("follower on the same cluster (Sorting): " + describe(readers.sorted(), parcels));
        lines.add("follower on another server (Billing): " + describe(readers.billed(), parcels));
        lines.add("projection: " + readers.projected().size() + " parcels, counted more than once: "
                + readers.projected().values().stream().filter(times -> times > 1).count());
        lines.add("subscription: " + readers.seen().size() + " notifications, skips or repeats: " + readers.jumps()
                + ", events seen that are not stored: " + phantoms + ", failures met and passed: "
                + readers.subscriptionFailures().size());
        LedgerAudit.report("cluster-failover-report.txt", lines);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(audit.acknowledged()).as("acknowledged saves").isGreaterThan(500);
        audit.check(softly);
        softly.assertThat(outOfOrder).as("rows whose commit timestamp is below the one of a smaller id").isEmpty();
        softly.assertThat(recoveries.unrecovered()).as("faults after which the writers did not recover within "
                + RECOVERY_LIMIT.toSeconds() + " s").isEmpty();
        softly.assertThat(readers.sorted()).as("parcels labelled by Sorting").hasSameSizeAs(parcels)
                .containsExactlyInAnyOrderElementsOf(parcels);
        softly.assertThat(readers.billed()).as("parcels labelled by Billing").hasSameSizeAs(parcels)
                .containsExactlyInAnyOrderElementsOf(parcels);
        softly.assertThat(readers.projected()).as("parcels projected, each once").hasSameSizeAs(parcels)
                .allSatisfy((parcel, times) -> softly.assertThat(times).as("times %s was projected", parcel).isOne());
        softly.assertThat(readers.projected().keySet()).containsExactlyInAnyOrderElementsOf(parcels);
        softly.assertThat(readers.jumps()).as("ids the subscription skipped or repeated").isEmpty();
        softly.assertThat(readers.seen()).as("notifications the subscription gave").hasSameSizeAs(parcels);
        softly.assertThat(phantoms).as("events the subscription gave that are not stored").isEmpty();
        softly.assertAll();
    }

    private static String describe(List<UUID> labelled, Set<UUID> parcels) {
        Set<UUID> distinct = new HashSet<>(labelled);
        return labelled.size() + " labels for " + parcels.size() + " parcels, " + (labelled.size() - distinct.size())
                + " twice, " + parcels.stream().filter(parcel -> !distinct.contains(parcel)).count() + " missing";
    }
}
