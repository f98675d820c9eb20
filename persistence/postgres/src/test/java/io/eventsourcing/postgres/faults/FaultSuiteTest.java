package io.eventsourcing.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.postgres.faults.Ledger.Save;
import io.eventsourcing.postgres.testkit.PostgresCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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

    /** A fault injected, from when it began to when its command returned (the server back, for a restart). */
    private record Fault(String name, long began, long ended) {}

    @Test
    void saves_survive_restarts_crashes_terminated_sessions_and_killed_writers() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.launch()) {
            cluster.createDatabase(DATABASE);
            Map<String, String> env = cluster.env(DATABASE);
            Ledger ledger = new Ledger();
            List<Fault> faults = new ArrayList<>();
            Children children = new Children(env, ledger);
            long start = System.nanoTime();
            try (PostOffice office = new PostOffice(env)) {
                InProcessWriters writers = new InProcessWriters(office, ledger);
                for (int i = 0; i < CHILD_WRITERS; i++) {
                    children.start();
                }
                Thread killer = Thread.ofPlatform().name("fault-suite-killer").start(children::killPeriodically);
                try {
                    sleep(Duration.ofSeconds(3));
                    for (int i = 0; i < TERMINATIONS; i++) {
                        faults.add(inject("sessions terminated", () -> cluster.terminateBackends(DATABASE)));
                        sleep(Duration.ofSeconds(3));
                    }
                    for (int i = 0; i < RESTARTS; i++) {
                        faults.add(inject("fast restart", () -> cluster.restart(PostgresCluster.Stop.FAST)));
                        sleep(Duration.ofSeconds(4));
                    }
                    for (int i = 0; i < RESTARTS; i++) {
                        faults.add(inject("crash (immediate shutdown) and start",
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
            check(ledger, faults, stored, children.kills.get(), loadTime);
        }
    }

    private static Fault inject(String name, Runnable fault) {
        long began = System.nanoTime();
        fault.run();
        return new Fault(name, began, System.nanoTime());
    }

    /** Compares the table with the ledger, writes the report, then asserts every guarantee. */
    private static void check(Ledger ledger, List<Fault> faults, Map<UUID, Long> stored, int kills, Duration loadTime)
            throws IOException {
        List<Save> lost = new ArrayList<>();
        List<Save> failedButStored = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        int acknowledged = 0;
        int failed = 0;
        int untold = 0;
        int untoldStored = 0;
        for (Save save : ledger.saves()) {
            Long notificationId = stored.get(save.id());
            switch (save.told()) {
                case ACKNOWLEDGED -> {
                    acknowledged++;
                    if (notificationId == null || notificationId != save.notificationId()) {
                        lost.add(save);
                    }
                }
                case FAILED -> {
                    failed++;
                    failures.merge(String.valueOf(save.failure()).replaceAll(":.*", ""), 1, Integer::sum);
                    if (notificationId != null) {
                        failedButStored.add(save);
                    }
                }
                case NOTHING -> {
                    untold++;
                    if (notificationId != null) {
                        untoldStored++;
                    }
                }
            }
        }
        Set<UUID> begun = ledger.saves().stream().map(Save::id).collect(Collectors.toSet());
        long strangers = stored.keySet().stream().filter(id -> !begun.contains(id)).count();
        List<Long> ids = stored.values().stream().sorted().toList();
        List<String> gaps = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != i + 1) {
                gaps.add("position " + (i + 1) + " holds id " + ids.get(i));
                break;
            }
        }
        List<Save> timeline = ledger.acknowledgedInProcess();
        List<String> recoveries = new ArrayList<>();
        List<String> unrecovered = new ArrayList<>();
        for (Fault fault : faults) {
            Save first = timeline.stream().filter(save -> save.ended() > fault.ended()).findFirst().orElse(null);
            long lastBefore = timeline.stream().filter(save -> save.ended() < fault.began()).mapToLong(Save::ended)
                    .max().orElse(fault.began());
            if (first == null || first.ended() - fault.began() > RECOVERY_LIMIT.toNanos()) {
                unrecovered.add(fault.name());
                continue;
            }
            recoveries.add(String.format(Locale.ROOT, "%-40s server back after %6.2f s, first save acknowledged "
                    + "%6.2f s after the fault began, no save acknowledged for %6.2f s", fault.name(),
                    seconds(fault.ended() - fault.began()), seconds(first.ended() - fault.began()),
                    seconds(first.ended() - lastBefore)));
        }
        String report = String.join("\n", List.of(
                "Fault suite (PostgreSQL " + clusterVersion() + ", " + IN_PROCESS_WRITERS + " writer threads in the "
                        + "test JVM and " + CHILD_WRITERS + " writer JVMs, " + Runtime.getRuntime().availableProcessors()
                        + " cores, load average " + loadAverage() + ")",
                String.format(Locale.ROOT, "load: %.0f s, %d saves begun, %d acknowledged, %d reported failed, %d "
                        + "never answered (writer killed), of which %d stored", seconds(loadTime.toNanos()),
                        ledger.saves().size(), acknowledged, failed, untold, untoldStored),
                "faults: " + faults.size() + " server faults, " + kills + " writer JVMs killed with SIGKILL",
                "acknowledged saves lost: " + lost.size(),
                "saves reported failed that are stored: " + failedButStored.size() + " of " + failed
                        + (failedButStored.isEmpty() ? "" : " " + examples(failedButStored)),
                "failures reported: " + failures + (failed == 0 ? "" : ", e.g. " + ledger.saves().stream()
                        .filter(save -> save.told() == Ledger.Told.FAILED && !stored.containsKey(save.id()))
                        .map(Save::failure).distinct().limit(3).toList()),
                "rows stored by no save of the ledger: " + strangers,
                "notification ids: " + ids.size() + " rows, " + (gaps.isEmpty() ? "1.." + ids.size() + " without gaps"
                        : "gaps: " + gaps),
                "recovery (writers in the running JVM, not restarted):",
                "  " + String.join("\n  ", recoveries),
                unrecovered.isEmpty() ? "" : "no recovery within " + RECOVERY_LIMIT.toSeconds() + " s: " + unrecovered));
        System.out.println(report);
        Path file = Path.of("target", "fault-suite-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report + "\n", StandardCharsets.UTF_8);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(acknowledged).as("acknowledged saves").isGreaterThan(1000);
        softly.assertThat(kills).as("writer JVMs killed").isGreaterThanOrEqualTo(10);
        softly.assertThat(lost).as("acknowledged saves lost (not stored, or with another notification id)").isEmpty();
        softly.assertThat(failedButStored).as("saves reported failed that are stored").isEmpty();
        softly.assertThat(strangers).as("rows no writer saved").isZero();
        softly.assertThat(gaps).as("gaps in the notification ids").isEmpty();
        softly.assertThat(unrecovered).as("faults after which the writers did not recover within "
                + RECOVERY_LIMIT.toSeconds() + " s").isEmpty();
        softly.assertAll();
    }

    private static String examples(List<Save> saves) {
        return saves.stream().limit(3).map(save -> save.id() + " (" + save.writer() + ": " + save.failure() + ")")
                .toList().toString();
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

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String clusterVersion() {
        return PostgresCluster.findBinaries().map(bin -> bin.getParent().getFileName().toString()).orElse("?");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Threads of this JVM saving new parcels in a loop through one application. */
    private static final class InProcessWriters {
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        InProcessWriters(PostOffice office, Ledger ledger) {
            for (int n = 0; n < IN_PROCESS_WRITERS; n++) {
                String writer = "thread-" + n;
                threads.add(Thread.ofPlatform().name("fault-suite-" + writer).start(() -> {
                    while (!stopped) {
                        Parcel parcel = Parcel.post("1 Harbour Road");
                        ledger.began(parcel.id(), writer, true, System.nanoTime());
                        try {
                            List<Recording> recordings = office.save(parcel);
                            ledger.acknowledged(parcel.id(), System.nanoTime(), recordings.getFirst().notificationId());
                        } catch (RuntimeException e) {
                            ledger.failed(parcel.id(), System.nanoTime(), e.getClass().getName() + ": "
                                    + e.getMessage());
                        }
                        try {
                            Thread.sleep(PAUSE_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /** Writer JVMs ({@link FaultWriter}), killed with SIGKILL one at a time and replaced. */
    private static final class Children {
        private final Map<String, String> env;
        private final Ledger ledger;
        private final List<Child> running = new CopyOnWriteArrayList<>();
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger kills = new AtomicInteger();
        private final Random random = new Random(7);
        private volatile boolean killing = true;

        /** A writer JVM and the file its standard output goes to, read once it has exited. */
        private record Child(Process process, Path output, String writer) {}

        Children(Map<String, String> env, Ledger ledger) {
            this.env = env;
            this.ledger = ledger;
        }

        void start() {
            String writer = "jvm-" + started.incrementAndGet();
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                    System.getProperty("java.class.path"), FaultWriter.class.getName(), String.valueOf(PAUSE_MILLIS));
            builder.environment().putAll(env);
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            try {
                // A file rather than a pipe: every line the writer wrote before SIGKILL is in it, whereas a
                // pipe's reader can lose the last lines to the JDK closing the stream as the process dies.
                Path output = Files.createTempFile("fault-writer-" + writer + "-", ".txt");
                builder.redirectOutput(output.toFile());
                running.add(new Child(builder.start(), output, writer));
            } catch (IOException e) {
                throw new UncheckedIOException("starting a writer JVM failed", e);
            }
        }

        /** Enters what a writer that has exited told on its standard output into the ledger. */
        private void read(Child child) {
            try {
                for (String line : Files.readAllLines(child.output(), StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length < 2 || parts[1].length() != 36) {
                        continue; // READY, or a line the kill cut short
                    }
                    switch (parts[0]) {
                        case "BEGIN" -> ledger.began(UUID.fromString(parts[1]), child.writer(), false, 0);
                        case "ACK" -> ledger.acknowledged(UUID.fromString(parts[1]), 0, Long.parseLong(parts[2]));
                        case "FAIL" -> ledger.failed(UUID.fromString(parts[1]), 0, parts.length > 2 ? parts[2] : "");
                        default -> { }
                    }
                }
                Files.deleteIfExists(child.output());
            } catch (IOException e) {
                throw new UncheckedIOException("reading what writer " + child.writer() + " told failed", e);
            }
        }

        /** Kills a writer every few seconds and starts another, until told to stop. */
        void killPeriodically() {
            while (killing) {
                sleep(KILL_EVERY);
                if (!killing || running.isEmpty()) {
                    continue;
                }
                Child victim = running.remove(random.nextInt(running.size()));
                kill(victim);
                kills.incrementAndGet();
                start();
            }
        }

        void stopKilling() {
            killing = false;
        }

        void killAll() throws InterruptedException {
            for (Child child : running) {
                kill(child);
            }
            running.clear();
        }

        private void kill(Child child) {
            child.process().destroyForcibly(); // SIGKILL: kill -9
            try {
                assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).as("killed writer exited").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            read(child);
        }
    }
}
