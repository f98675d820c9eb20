package io.eventsourcing.postgres.faults;

import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.postgres.testkit.PostgresCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/*
 * Design: one PostgreSQL cluster of the test's own (PostgresCluster), one application table, and a
 * steady load of saves, each creating a new aggregate, so whether a save is stored is a yes or no per
 * id. Writers are threads of this JVM (their applications must recover from every server fault without
 * being restarted) and child JVMs (FaultWriter) that are killed with SIGKILL and replaced. Every save is
 * written to a ledger before it begins and when it is answered. The faults are the operator's own:
 * pg_terminate_backend of every session, a fast restart, and an immediate shutdown (a crash: the server
 * recovers from its WAL) followed by a start. Afterwards the table is compared with the ledger.
 */

/**
 * The fault suite: what the PostgreSQL backend guarantees when the server restarts or crashes, when
 * sessions are terminated, and when writer processes are killed, under a steady write load:
 * <ul>
 * <li>no acknowledged save is lost, and each is stored with the notification id it was acknowledged with;</li>
 * <li>no save reported as failed is stored;</li>
 * <li>notification ids have no gaps;</li>
 * <li>writers in a running JVM recover from every fault without a restart, and how long each took.</li>
 * </ul>
 * Tagged {@code faults}: it runs apart from the other tests, with {@code -Pfaults} (see {@code .ci/run}),
 * and writes its figures to {@code target/fault-suite-report.txt}.
 */
@Tag("faults")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FaultSuiteTest {
    private static final String DATABASE = "faults";
    private static final int IN_PROCESS_WRITERS = 4;
    private static final int CHILD_WRITERS = 2;
    private static final long PAUSE_MILLIS = 2;
    private static final Duration KILL_EVERY = Duration.ofMillis(2500);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final int TERMINATIONS = 5;
    private static final int RESTARTS = 4;

    @Test
    void saves_survive_restarts_crashes_terminated_sessions_and_killed_writers() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.launch()) {
            cluster.createDatabase(DATABASE);
            Map<String, String> env = cluster.env(DATABASE);
            Ledger ledger = new Ledger();
            List<Fault> faults = new ArrayList<>();
            WriterJvms children = new WriterJvms(env, ledger, PAUSE_MILLIS);
            long start = System.nanoTime();
            try (PostOffice office = new PostOffice(env)) {
                SavingThreads writers = new SavingThreads(office, ledger, IN_PROCESS_WRITERS, PAUSE_MILLIS);
                for (int i = 0; i < CHILD_WRITERS; i++) {
                    children.start();
                }
                Thread killer = Thread.ofPlatform().name("fault-suite-killer")
                        .start(() -> children.killPeriodically(KILL_EVERY));
                try {
                    sleep(Duration.ofSeconds(3));
                    for (int i = 0; i < TERMINATIONS; i++) {
                        faults.add(Fault.inject("sessions terminated", () -> cluster.terminateBackends(DATABASE)));
                        sleep(Duration.ofSeconds(3));
                    }
                    for (int i = 0; i < RESTARTS; i++) {
                        faults.add(Fault.inject("fast restart", () -> cluster.restart(PostgresCluster.Stop.FAST)));
                        sleep(Duration.ofSeconds(4));
                    }
                    for (int i = 0; i < RESTARTS; i++) {
                        faults.add(Fault.inject("crash (immediate shutdown) and start",
                                () -> cluster.restart(PostgresCluster.Stop.IMMEDIATE)));
                        sleep(Duration.ofSeconds(4));
                    }
                    sleep(Duration.ofSeconds(2));
                } finally {
                    children.stopKilling();
                    killer.join();
                    writers.stop();
                    children.killAll();
                }
            }
            Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
            Map<UUID, Long> stored = storedNotificationIds(cluster);
            check(ledger, faults, stored, children.kills(), loadTime);
        }
    }

    /** Compares the table with the ledger, writes the report, then asserts every guarantee. */
    private static void check(Ledger ledger, List<Fault> faults, Map<UUID, Long> stored, int kills, Duration loadTime)
            throws IOException {
        LedgerAudit audit = new LedgerAudit(ledger, stored);
        LedgerAudit.Recoveries recoveries = audit.recoveries(faults, RECOVERY_LIMIT);
        List<String> lines = new ArrayList<>();
        lines.add("Fault suite (PostgreSQL " + clusterVersion() + ", " + IN_PROCESS_WRITERS + " writer threads in the "
                + "test JVM and " + CHILD_WRITERS + " writer JVMs, " + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + loadAverage() + ")");
        lines.add(String.format(Locale.ROOT, "load: %.0f s", LedgerAudit.seconds(loadTime.toNanos())));
        lines.add("faults: " + faults.size() + " server faults, " + kills + " writer JVMs killed with SIGKILL");
        lines.addAll(audit.outcomes());
        lines.add("recovery (writers in the running JVM, not restarted):");
        lines.add("  " + String.join("\n  ", recoveries.lines()));
        lines.add(recoveries.unrecovered().isEmpty() ? "" : "no recovery within " + RECOVERY_LIMIT.toSeconds()
                + " s: " + recoveries.unrecovered());
        LedgerAudit.report("fault-suite-report.txt", lines);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(audit.acknowledged()).as("acknowledged saves").isGreaterThan(1000);
        softly.assertThat(kills).as("writer JVMs killed").isGreaterThanOrEqualTo(10);
        audit.check(softly);
        softly.assertThat(recoveries.unrecovered()).as("faults after which the writers did not recover within "
                + RECOVERY_LIMIT.toSeconds() + " s").isEmpty();
        softly.assertAll();
    }

    private static Map<UUID, Long> storedNotificationIds(PostgresCluster cluster) throws SQLException {
        Map<UUID, Long> stored = new HashMap<>();
        try (Connection connection = cluster.connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT originator_id, notification_id FROM postoffice_events")) {
            while (rows.next()) {
                stored.put(rows.getObject(1, UUID.class), rows.getLong(2));
            }
        }
        return stored;
    }

    static String clusterVersion() {
        return PostgresCluster.findBinaries().map(bin -> bin.getParent().getFileName().toString()).orElse("?");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
