package io.eventsourcing.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writer JVMs ({@link FaultWriter}) saving through their own application, configured by the
 * environment they are started with; killed with SIGKILL one at a time and replaced, if asked. What
 * each was told of its saves enters the ledger once it has exited.
 */
final class WriterJvms {
    private final Map<String, String> env;
    private final Ledger ledger;
    private final long pauseMillis;
    private final List<Child> running = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final Random random = new Random(7);
    private volatile boolean killing = true;

    /** A writer JVM and the file its standard output goes to, read once it has exited. */
    private record Child(Process process, Path output, String writer) {}

    /**
     * @param env the writers' settings, as their process environment
     * @param pauseMillis the pause after each save
     */
    WriterJvms(Map<String, String> env, Ledger ledger, long pauseMillis) {
        this.env = env;
        this.ledger = ledger;
        this.pauseMillis = pauseMillis;
    }

    /** How many writers were killed while they saved. */
    int kills() {
        return kills.get();
    }

    /** Starts one more writer. */
    void start() {
        String writer = "jvm-" + started.incrementAndGet();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                System.getProperty("java.class.path"), FaultWriter.class.getName(), String.valueOf(pauseMillis));
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

    /** Kills a writer every so often and starts another, until told to stop. */
    void killPeriodically(Duration every) {
        while (killing) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!killing || running.isEmpty()) {
                continue;
            }
            Child victim = running.remove(random.nextInt(running.size()));
            kill(victim);
            kills.incrementAndGet();
            start();
        }
    }

    /** Ends {@link #killPeriodically}. */
    void stopKilling() {
        killing = false;
    }

    /** Kills every writer and enters what each was told into the ledger. */
    void killAll() {
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
}
