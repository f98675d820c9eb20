package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.tck.internal.InsertingProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writers in several processes on one store at once: notification ids stay unique, gap-free and in
 * commit order across processes, while readers follow the log. For backends whose store several
 * processes share (a database server, a database file); a backend whose store lives in one process
 * (memory, an in-memory database) declines it by not extending this suite.
 *
 * <pre>{@code
 * class PostgresMultiProcessTest extends MultiProcessConformance {
 *     @Override protected Map<String, String> env() { return Map.of("PERSISTENCE_MODULE", "postgres", ...); }
 *     @Override protected void prepare() { ... drop and create the schema ... }
 * }
 * }</pre>
 *
 * The writer processes are JVMs started with this JVM's class path, which must hold the backend.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class MultiProcessConformance {
    private static final int PROCESSES = 4;
    private static final int THREADS = 4;
    private static final int INSERTS = 60;

    /** For subclasses. */
    protected MultiProcessConformance() {}

    /** The settings that select the backend, for this process and the writer processes alike. */
    protected abstract Map<String, String> env();

    /** Readies an empty store before each test; the default does nothing. */
    protected void prepare() {}

    @BeforeEach
    final void prepareStore() {
        prepare();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void writers_in_four_processes_get_gap_free_ids_in_commit_order_while_readers_follow() throws Exception {
        long total = (long) PROCESSES * THREADS * INSERTS;
        try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated("Tck", env()));
                ApplicationRecorder recorder = factory.applicationRecorder()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<Throwable> readerFailures = new ConcurrentLinkedQueue<>();
            List<GapCheckingReader> readers = List.of(new GapCheckingReader(recorder, writing, readerFailures),
                    new GapCheckingReader(recorder, writing, readerFailures));
            List<Thread> readerThreads = new ArrayList<>();
            for (GapCheckingReader reader : readers) {
                readerThreads.add(Thread.ofPlatform().name("gap-checking-reader").start(reader));
            }
            Map<Long, String> written = new HashMap<>();
            try {
                List<Process> processes = new ArrayList<>();
                List<CompletableFuture<String>> outputs = new ArrayList<>();
                List<CompletableFuture<String>> errors = new ArrayList<>();
                for (int i = 0; i < PROCESSES; i++) {
                    Process process = start();
                    processes.add(process);
                    outputs.add(CompletableFuture.supplyAsync(() -> read(process.getInputStream())));
                    errors.add(CompletableFuture.supplyAsync(() -> read(process.getErrorStream())));
                }
                for (int i = 0; i < PROCESSES; i++) {
                    Process process = processes.get(i);
                    boolean exited = process.waitFor(4, TimeUnit.MINUTES);
                    if (!exited) {
                        process.destroyForcibly();
                    }
                    String output = outputs.get(i).get(1, TimeUnit.MINUTES);
                    String error = errors.get(i).get(1, TimeUnit.MINUTES);
                    assertThat(exited && process.exitValue() == 0)
                            .as("writer process %d exited with 0:%n%s%n%s", i, output, error).isTrue();
                    assertThat(output).as("writer process %d's output", i).endsWith("done\n");
                    for (String line : output.strip().lines().filter(l -> !l.equals("done")).toList()) {
                        String[] fields = line.split(" ");
                        assertThat(written.put(Long.parseLong(fields[0]), fields[1] + ":" + fields[2]))
                                .as("an id given twice: %s", line).isNull();
                    }
                }
            } finally {
                writing.set(false);
                for (Thread thread : readerThreads) {
                    thread.join(TimeUnit.SECONDS.toMillis(60));
                }
            }
            assertThat(readerFailures).as("what the readers saw").isEmpty();
            for (GapCheckingReader reader : readers) {
                assertThat(reader.position()).as("the last id a reader followed to").isEqualTo(total);
            }
            assertThat(written).hasSize((int) total);
            List<Notification> all = recorder.selectNotifications(1, (int) total + 1);
            assertThat(all).hasSize((int) total);
            for (int i = 0; i < all.size(); i++) {
                Notification notification = all.get(i);
                assertThat(notification.id()).isEqualTo(i + 1L);
                assertThat(notification.originatorId() + ":" + notification.originatorVersion())
                        .as("the event with id %d", notification.id()).isEqualTo(written.get(notification.id()));
            }
            Map<UUID, Long> lastVersion = new HashMap<>();
            for (Notification notification : all) {
                Long previous = lastVersion.put(notification.originatorId(), notification.originatorVersion());
                assertThat(notification.originatorVersion()).as("a writer's versions in id order")
                        .isEqualTo(previous == null ? 1 : previous + 1);
            }
        }
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InsertingProcess.class.getName(), String.valueOf(THREADS), String.valueOf(INSERTS)));
        env().forEach((name, value) -> command.add(name + "=" + value));
        return new ProcessBuilder(command).start();
    }

    private static String read(InputStream output) {
        try (output) {
            return new String(output.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "[reading the output failed: " + e + "]";
        }
    }
}
