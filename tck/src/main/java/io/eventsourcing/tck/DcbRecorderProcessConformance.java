package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.tck.internal.DcbCounter;
import io.eventsourcing.tck.internal.DcbRacingProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DCB races of {@link DcbRecorderConformance} across processes: deciders in separate JVMs
 * ({@link DcbRacingProcess}) append
 * the next numbers of one counter, each on condition that none was appended since it read, and the
 * numbers come out exactly 1 to N in position order, with the positions contiguous. A backend whose
 * store several processes share (a database file or server) runs it by giving the settings that select
 * it, and empties the store in {@link #prepare()}; the children get this JVM's class path. The
 * application is named {@code Tck}; each test is given 5 minutes.
 *
 * <pre>{@code
 * @Nested class AcrossProcesses extends DcbRecorderProcessConformance {
 *     @Override protected Map<String, String> env() { return PostgresConformanceTest.this.env(); }
 * }
 * }</pre>
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class DcbRecorderProcessConformance {
    private static final int PROCESSES = 3;
    private static final int APPENDS_EACH = 10;

    /** For subclasses. */
    protected DcbRecorderProcessConformance() {}

    /** The settings that select the backend, including {@code PERSISTENCE_MODULE}; given to every child. */
    protected abstract Map<String, String> env();

    /** Readies an empty store before each test; the default does nothing. */
    protected void prepare() {}

    @BeforeEach
    final void prepareStore() {
        prepare();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void racing_deciders_in_separate_processes_never_append_on_the_same_decision() throws Exception {
        String tag = "counter:" + UUID.randomUUID();
        try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated("Tck", env()));
                DcbRecorder recorder = factory.dcbRecorder()) {
            List<Child> children = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    children.add(Child.start(env(), tag));
                }
                for (Child child : children) {
                    child.awaitLine("ready", 120);
                }
                for (Child child : children) {
                    child.send("go");
                }
                for (Child child : children) {
                    refused += child.awaitLine("done", 180);
                    assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(child.process.exitValue()).as("exit status of a child:\n%s", child.output).isZero();
                }
            } finally {
                children.forEach(Child::kill);
            }

            long total = (long) PROCESSES * APPENDS_EACH;
            List<DcbSequencedEvent> counted = recorder.read(DcbQuery.tags(tag));
            assertThat(counted.stream().map(DcbCounter::number).toList()).as("the numbers appended, in position order")
                    .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(counted.stream().map(DcbSequencedEvent::position).toList())
                    .as("positions without gaps, although %d appends were refused", refused)
                    .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(recorder.head()).isEqualTo(total);
        }
    }

    /** A {@link DcbRacingProcess} in a JVM of its own, its output collected on a thread. */
    private static final class Child {
        final Process process;
        final StringBuffer output = new StringBuffer();
        final List<String> lines = new ArrayList<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        private Child(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().name("dcb-racer-output").start(this::drain);
        }

        static Child start(Map<String, String> env, String tag) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    DcbRacingProcess.class.getName(), tag, String.valueOf(APPENDS_EACH)));
            env.forEach((name, value) -> command.add(name + "=" + value));
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        void send(String line) throws IOException {
            Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            input.write(line + "\n");
            input.flush();
        }

        /** Waits for a line starting with the prefix; returns the number after it, or 0. */
        int awaitLine(String prefix, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                synchronized (lines) {
                    for (String line : lines) {
                        if (line.startsWith(prefix)) {
                            String rest = line.substring(prefix.length()).strip();
                            return rest.isEmpty() ? 0 : Integer.parseInt(rest);
                        }
                    }
                    if (ended.isDone() || System.nanoTime() > deadline) {
                        throw new AssertionError("a child did not print '" + prefix + "':\n" + output);
                    }
                    lines.wait(100);
                }
            }
        }

        void kill() {
            process.destroyForcibly();
        }

        private void drain() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                output.append("[reading the output failed: ").append(e).append("]\n");
            } finally {
                ended.complete(null);
                synchronized (lines) {
                    lines.notifyAll();
                }
            }
        }
    }
}
