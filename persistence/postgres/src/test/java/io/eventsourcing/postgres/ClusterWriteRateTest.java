package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.postgres.testkit.PatroniCluster;
import io.eventsourcing.postgres.testkit.PostgresCluster;
import io.eventsourcing.postgres.testkit.SharedPatroniCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a synchronous standby costs a writer: saves per second and the latency of a save, with one
 * writer and with several, on the cluster in synchronous mode, with its standbys asynchronous, and on
 * a standalone server; written to {@code target/cluster-write-rate-report.txt}. A measurement, with no
 * claim on the figures beyond that saves are made in each setting: the machine is shared.
 */
@Tag("cluster")
@ExtendWith(SharedPatroniCluster.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterWriteRateTest {
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(5);
    private static final int WRITERS = 8;

    /** Saves per second and the median and 99th percentile latency of a save, in milliseconds. */
    private record Rate(double perSecond, double median, double p99) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%6.0f saves/s, latency median %5.1f ms, 99th percentile %6.1f ms",
                    perSecond, median, p99);
        }
    }

    @Test
    void saves_per_second_with_a_synchronous_standby_with_asynchronous_ones_and_alone(PatroniCluster cluster)
            throws Exception {
        cluster.awaitHealthy(Duration.ofMinutes(2));
        cluster.createDatabase("rate");
        List<String> lines = new ArrayList<>();
        lines.add("Write rate (PostgreSQL 15; " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + PostgresReplicasTest.loadAverage() + " at the start; each for " + MEASURE.toSeconds() + " s)");
        Map<String, String> env = new HashMap<>(cluster.env("rate"));
        env.put("POSTGRES_SCHEMA", "sync");
        Rate[] synchronous = measure(env);
        lines.add("3 nodes, synchronous standby:   1 writer " + synchronous[0] + "; " + WRITERS + " writers "
                + synchronous[1]);
        try {
            cluster.synchronousMode(false);
            env.put("POSTGRES_SCHEMA", "async");
            Rate[] asynchronous = measure(env);
            lines.add("3 nodes, asynchronous standbys: 1 writer " + asynchronous[0] + "; " + WRITERS + " writers "
                    + asynchronous[1]);
        } finally {
            cluster.synchronousMode(true);
        }
        try (PostgresCluster alone = PostgresCluster.launch()) {
            alone.createDatabase("rate");
            Rate[] standalone = measure(alone.env("rate"));
            lines.add("1 server, no standby:           1 writer " + standalone[0] + "; " + WRITERS + " writers "
                    + standalone[1]);
        }
        lines.add("load average at the end: " + PostgresReplicasTest.loadAverage());
        String report = String.join("\n", lines) + "\n";
        System.out.print(report);
        Path file = Path.of("target", "cluster-write-rate-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        assertThat(synchronous[1].perSecond()).as("saves per second with a synchronous standby").isPositive();
    }

    /** The rate with one writer, then with {@link #WRITERS}. */
    private static Rate[] measure(Map<String, String> env) throws InterruptedException, IOException {
        try (PostOffice office = new PostOffice(env)) {
            return new Rate[] {measure(office, 1), measure(office, WRITERS)};
        }
    }

    private static Rate measure(PostOffice office, int writers) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stopped.get()) {
                    long began = System.nanoTime();
                    office.save(Parcel.post("1 Harbour Road"));
                    if (measuring.get()) {
                        mine.add((System.nanoTime() - began) / 1e6);
                    }
                }
            }));
        }
        Thread.sleep(WARM_UP);
        measuring.set(true);
        Thread.sleep(MEASURE);
        measuring.set(false);
        stopped.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        return new Rate(all.size() / (double) MEASURE.toSeconds(), PostgresReplicasTest.percentile(all, 50),
                PostgresReplicasTest.percentile(all, 99));
    }
}
